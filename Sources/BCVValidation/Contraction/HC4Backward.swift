import BCVExpression
import BCVNumerics

/// The backward step of HC4 for one instruction: given the target `z` of its register,
/// narrowed targets for its operands that keep every operand value whose result lies in
/// `z`, with the contractors of `Interval+Backward.swift` and
/// `Interval+BackwardElementary.swift` (BCVNumerics). sin, cos, tan and sign are not
/// inverted: their operands are left unchanged, which is always sound.
enum HC4Backward {
  enum Projection {
    /// No narrowing.
    case none
    /// A variable register: its target is the new side of the box.
    case variable
    case unary(Interval)
    case binary(Interval, Interval)
  }

  /// The projection of instruction `ins` with register target `z` (defined, not empty)
  /// onto the current targets of its operands.
  static func project(_ ins: Instruction, z: Interval, targets t: UnsafeMutableBufferPointer<Interval>) -> Projection {
    let a = Int(ins.a), b = Int(ins.b)
    switch ins.op {
    case .variable: return .variable
    case .constant, .pi: return .none
    case .add:
      let r = Interval.backwardAdd(z: z, x: t[a], y: t[b]); return .binary(r.x, r.y)
    case .subtract:
      let r = Interval.backwardSubtract(z: z, x: t[a], y: t[b]); return .binary(r.x, r.y)
    case .multiply:
      let r = Interval.backwardMultiply(z: z, x: t[a], y: t[b]); return .binary(r.x, r.y)
    case .divide:
      let r = Interval.backwardDivide(z: z, x: t[a], y: t[b]); return .binary(r.x, r.y)
    case .negate: return .unary(Interval.backwardNegate(z: z, x: t[a]))
    case .powInt: return .unary(Interval.backwardPower(z: z, x: t[a], n: b))
    case .powReal:
      let r = Interval.backwardRealPower(z: z, base: t[a], exponent: t[b]); return .binary(r.base, r.exponent)
    case .exp: return .unary(Interval.backwardExp(z: z, x: t[a]))
    case .log: return .unary(Interval.backwardLog(z: z, x: t[a]))
    case .sqrt: return .unary(Interval.backwardSqrt(z: z, x: t[a]))
    case .abs: return .unary(Interval.backwardAbs(z: z, x: t[a]))
    case .atan: return .unary(Interval.backwardAtan(z: z, x: t[a]))
    case .tanh: return .unary(Interval.backwardTanh(z: z, x: t[a]))
    case .sin, .cos, .tan, .sign: return .none
    }
  }

  /// The intersection of two narrowings of the same operand; an undefined one carries no
  /// information.
  static func meet(_ x: Interval, _ y: Interval) -> Interval {
    if x.isPossiblyUndefined { return y }
    if y.isPossiblyUndefined { return x }
    return x.intersection(y)
  }
}

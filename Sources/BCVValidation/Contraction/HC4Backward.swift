import BCVExpression
import BCVNumerics

/// The backward step of HC4 for one instruction: given the target `z` of its register,
/// narrowed targets for its operands that keep every operand value whose result lies in
/// `z`. Uses the contractors of `Interval+Backward.swift`, plus the ones below for abs,
/// atan, tanh and real powers. sin, cos, tan and sign are not inverted: their operands are
/// left unchanged, which is always sound.
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
      let r = backwardRealPower(z: z, base: t[a], exponent: t[b]); return .binary(r.base, r.exponent)
    case .exp: return .unary(Interval.backwardExp(z: z, x: t[a]))
    case .log: return .unary(Interval.backwardLog(z: z, x: t[a]))
    case .sqrt: return .unary(Interval.backwardSqrt(z: z, x: t[a]))
    case .abs: return .unary(backwardAbs(z: z, x: t[a]))
    case .atan: return .unary(backwardAtan(z: z, x: t[a]))
    case .tanh: return .unary(backwardTanh(z: z, x: t[a]))
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

  /// `x ∩ candidate`, or `x` when the candidate is undefined.
  static func narrow(_ x: Interval, to candidate: Interval) -> Interval {
    candidate.isPossiblyUndefined || x.isPossiblyUndefined ? x : x.intersection(candidate)
  }

  /// `z = |x|`: `|x| ∈ r = z ∩ [0, +∞]`, so `x ∈ r ∪ −r`; the hull of the two parts of `x`.
  static func backwardAbs(z: Interval, x: Interval) -> Interval {
    guard !x.isPossiblyUndefined, !x.isEmpty else { return x }
    let r = z.intersection(Interval(0, .infinity))
    if r.isEmpty { return .empty }
    return x.intersection(r).hull(x.intersection(-r))
  }

  /// `z = atan x`: atan x lies in (−π/2, π/2) and x = tan(atan x), so
  /// `x ∈ tan(z ∩ [−π/2, π/2])` (outward; `tan` is undefined when a pole may be inside,
  /// which leaves `x` unchanged).
  static func backwardAtan(z: Interval, x: Interval) -> Interval {
    guard !x.isPossiblyUndefined, !x.isEmpty else { return x }
    let h = Interval.halfPi.upper
    let r = z.intersection(Interval(-h, h))
    if r.isEmpty { return .empty }
    return narrow(x, to: r.tan())
  }

  /// `z = tanh x`: tanh x lies in (−1, 1) and x = ½·log((1 + t)/(1 − t)) for t = tanh x,
  /// so `x ∈ ½·log((1 + r)/(1 − r))` with `r = z ∩ [−1, 1]` (outward; a divisor holding 0
  /// gives `entire` and a log argument reaching 0 gives `undefined`, both harmless).
  static func backwardTanh(z: Interval, x: Interval) -> Interval {
    guard !x.isPossiblyUndefined, !x.isEmpty else { return x }
    let r = z.intersection(Interval(-1, 1))
    if r.isEmpty { return .empty }
    let one = Interval(1)
    let ratio = (one + r) / (one - r)
    return narrow(x, to: Interval(0.5) * ratio.log())
  }

  /// `z = a^b = exp(b·log a)` with `a > 0` on the whole operand (otherwise the power may be
  /// undefined and nothing is narrowed): with `L = log a` and `w = b·L`, contracts `w`
  /// against `exp(w) ∈ z`, then `b` and `L` against `b·L ∈ w`, then `a` against
  /// `log a ∈ L`.
  static func backwardRealPower(z: Interval, base a: Interval, exponent b: Interval) -> (base: Interval, exponent: Interval) {
    guard !a.isPossiblyUndefined, !b.isPossiblyUndefined, !a.isEmpty, !b.isEmpty, a.lower > 0 else { return (a, b) }
    let l = a.log()
    let w = Interval.backwardExp(z: z, x: b * l)
    if w.isEmpty { return (.empty, .empty) }
    let r = Interval.backwardMultiply(z: w, x: b, y: l)
    if r.x.isEmpty || r.y.isEmpty { return (.empty, .empty) }
    return (Interval.backwardLog(z: r.y, x: a), r.x)
  }
}

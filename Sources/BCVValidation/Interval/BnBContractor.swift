import BCVExpression
import BCVNumerics

/// HC4-revise over the obligation tape: contracts a box onto a piece's constraints.
///
/// Guarantee: every point of the box at which every constraint is defined and ≤ 0 stays
/// in the contracted box. Points where a constraint may be undefined are never removed
/// (an undefined register carries no information and the `Interval.backward…` operations
/// never cut where their operation is undefined), so the contractor agrees with the
/// branch-and-bound's rule that an undefined constraint never discards.
///
/// One forward pass (given) and one backward pass in reverse instruction order: a shared
/// subexpression's register is narrowed by every parent before its own operands are
/// narrowed, which is sound on the tape's DAG because each narrowing keeps every feasible
/// point's value.
enum BnBContractor {
  /// What a contraction found.
  enum Result {
    /// No point of the box satisfies the constraints.
    case infeasible
    /// The contracted box was written back to `box`; `changed` says whether it shrank.
    case contracted(changed: Bool)
  }

  /// Contracts `box` (one interval per variable) onto `h_j ≤ 0` for the outputs `outputs`.
  /// `registers` holds the forward pass over `box`; it is overwritten with the narrowed
  /// values. `variableRegisters` maps each variable to its register (-1 when unused).
  static func contract(_ box: UnsafeMutableBufferPointer<Interval>, tape: Tape, outputs: [Int],
                       variableRegisters: [Int],
                       registers r: UnsafeMutableBufferPointer<Interval>) -> Result {
    let nonPositive = Interval(-.infinity, 0)
    for j in outputs {
      let k = tape.outputs[j]
      guard !r[k].isPossiblyUndefined else { continue }
      r[k] = r[k].intersection(nonPositive)
      if r[k].isEmpty { return .infeasible }
    }
    for i in stride(from: tape.instructions.count - 1, through: 0, by: -1) {
      let ins = tape.instructions[i]
      let z = r[i]
      if z.isPossiblyUndefined { continue }
      if z.isEmpty { return .infeasible }
      let a = Int(ins.a), b = Int(ins.b)
      switch ins.op {
      case .variable, .constant, .pi: continue
      case .add:
        let n = Interval.backwardAdd(z: z, x: r[a], y: r[b])
        store(n.x, at: a, n.y, at: b, in: r)
      case .subtract:
        let n = Interval.backwardSubtract(z: z, x: r[a], y: r[b])
        store(n.x, at: a, n.y, at: b, in: r)
      case .multiply:
        let n = Interval.backwardMultiply(z: z, x: r[a], y: r[b])
        store(n.x, at: a, n.y, at: b, in: r)
      case .divide:
        let n = Interval.backwardDivide(z: z, x: r[a], y: r[b])
        store(n.x, at: a, n.y, at: b, in: r)
      case .negate: r[a] = Interval.backwardNegate(z: z, x: r[a])
      case .powInt: r[a] = Interval.backwardPower(z: z, x: r[a], n: b)
      case .sqrt: r[a] = Interval.backwardSqrt(z: z, x: r[a])
      case .exp: r[a] = Interval.backwardExp(z: z, x: r[a])
      case .log: r[a] = Interval.backwardLog(z: z, x: r[a])
      case .powReal, .sin, .cos, .tan, .tanh, .atan, .abs, .sign: continue
      }
    }
    var changed = false
    for (v, k) in variableRegisters.enumerated() where k >= 0 {
      let narrowed = r[k]
      if narrowed.isEmpty { return .infeasible }
      // Defence in depth: a register can only be narrowed, never widened or lost.
      guard !narrowed.isPossiblyUndefined, box[v].contains(narrowed) else { continue }
      if narrowed != box[v] {
        box[v] = narrowed
        changed = true
      }
    }
    return .contracted(changed: changed)
  }

  /// Stores two narrowed operands; when both name the same register (`x*x`, `x - x`)
  /// the register takes their intersection, since each alone keeps every feasible value.
  @inline(__always)
  private static func store(_ x: Interval, at a: Int, _ y: Interval, at b: Int,
                            in r: UnsafeMutableBufferPointer<Interval>) {
    if a == b {
      r[a] = x.isPossiblyUndefined ? y : (y.isPossiblyUndefined ? x : x.intersection(y))
    } else {
      r[a] = x
      r[b] = y
    }
  }
}

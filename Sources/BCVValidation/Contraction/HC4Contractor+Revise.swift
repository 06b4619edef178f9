import BCVExpression
import BCVNumerics

/// The backward half of HC4, over buffers: what one round of `contract` does after its
/// forward pass, and what `interval`'s branch-and-bound calls directly on the forward
/// pass it has already made for the box (so the contraction costs no extra evaluation).
extension HC4Contractor {
  /// What one revision found.
  public enum Revision: Sendable, Equatable {
    /// No feasible point in the box.
    case infeasible
    /// The narrowed box was written back; `changed` says whether some side shrank.
    case narrowed(changed: Bool)
  }

  /// HC4-revise of `box` against `constraints`, given `values`, the forward pass over it
  /// (`IntervalTapeEvaluator`). `targets` (one per register) receives every register's
  /// narrowed target: a defined target encloses the register's value at every feasible
  /// point of the box (so output 0's target bounds g there, often tighter than its forward
  /// value when g shares subexpressions with the constraints). Allocates nothing.
  public static func revise(_ box: UnsafeMutableBufferPointer<Interval>, tape: Tape, constraints: [Constraint],
                     values: UnsafeBufferPointer<Interval>,
                     targets: UnsafeMutableBufferPointer<Interval>) -> Revision {
    guard seed(targets, values: values, tape: tape, constraints: constraints),
          let changed = backward(box, tape: tape, values: values, targets: targets) else { return .infeasible }
    return .narrowed(changed: changed)
  }

  /// Starts the targets at the forward values and intersects each constrained output
  /// with its range. False when some defined output misses its range (no feasible point).
  static func seed(_ t: UnsafeMutableBufferPointer<Interval>, values v: UnsafeBufferPointer<Interval>, tape: Tape,
                   constraints: [Constraint]) -> Bool {
    for i in 0..<tape.instructions.count { t[i] = v[i] }
    for c in constraints {
      let r = tape.outputs[c.output]
      let target = t[r]
      if target.isPossiblyUndefined { continue }
      let narrowed = target.intersection(c.range)
      if narrowed.isEmpty { return false }
      t[r] = narrowed
    }
    return true
  }

  /// One backward pass in reverse instruction order: each instruction's target narrows
  /// its operands' targets (`HC4Backward.project`), and variable registers narrow `box`.
  /// A shared subexpression's register is narrowed by every parent before its own
  /// operands are, which is sound on the tape's DAG because each narrowing keeps every
  /// feasible point's value. nil when a defined register's target became empty (no
  /// feasible point); otherwise whether some side of `box` shrank.
  static func backward(_ box: UnsafeMutableBufferPointer<Interval>, tape: Tape, values v: UnsafeBufferPointer<Interval>,
                       targets t: UnsafeMutableBufferPointer<Interval>) -> Bool? {
    let instructions = tape.instructions
    var changed = false
    for i in stride(from: instructions.count - 1, through: 0, by: -1) {
      let z = t[i]
      if z.isEmpty { return nil }
      // Nothing learnt about this register beyond its forward enclosure: skipping a
      // projection is always sound (and loses nothing: projecting a forward value keeps
      // its operands).
      if z == v[i] || z.isPossiblyUndefined { continue }
      let ins = instructions[i]
      let a = Int(ins.a), b = Int(ins.b)
      switch HC4Backward.project(ins, z: z, targets: t) {
      case .none: continue
      case .variable:
        // Defence in depth: a side can only be narrowed, never widened.
        guard box[a].contains(z) else { continue }
        box[a] = z
        changed = true
      case .unary(let x):
        t[a] = x
        if x.isEmpty { return nil }
      case .binary(let x, let y):
        if a == b {
          t[a] = HC4Backward.meet(x, y)
        } else {
          t[a] = x
          t[b] = y
        }
        if t[a].isEmpty || t[b].isEmpty { return nil }
      }
    }
    return changed
  }
}

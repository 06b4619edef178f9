import BCVExpression
import BCVNumerics

/// HC4-revise over a tape: contracts a box of intervals against constraints
/// `output_k(x) ∈ range_k` without losing any solution.
///
/// One round is a forward pass (every register's enclosure over the box, see
/// `HC4Forward`) followed by a backward pass: each constrained output's enclosure is
/// intersected with its range, then, from the last instruction to the first, each
/// instruction's target narrows the targets of its operands with the backward operations
/// of `Interval+Backward.swift` (and `HC4Backward` for the functions those do not cover).
/// Variable registers finally narrow the box. Rounds repeat while some variable shrinks by
/// more than `minimumShrink` of its width, at most `maxRounds` times.
///
/// ## Guarantee
/// Call a point x of the box *feasible* when, for every constraint k, the expression of
/// output k is either undefined at x (some subexpression is outside its domain there:
/// log or sqrt of an invalid argument, a divisor or a negatively powered base equal to 0,
/// tan at a pole, a real power of a base ≤ 0) or has its real value in `range_k`.
/// **No feasible point of the box is removed**, and the box is reported empty only when it
/// has no feasible point. In particular an undefined enclosure (NaN endpoints) never
/// contracts or discards anything: points where an expression may be undefined are
/// treated as solutions, as the obligation semantics ("undefined never counts as holding")
/// requires.
///
/// Why it holds: a register's forward enclosure is defined only when its expression is
/// defined at every point of the box (`HC4Forward` turns division by an interval holding 0
/// into `undefined`, which plain interval division does not). So for every feasible x and
/// every register r defined at x, the value r(x) lies in r's target at every step: the
/// forward enclosure contains it, a range intersection keeps it (x is feasible), and each
/// backward operation keeps every operand point whose result lies in the target. An empty
/// target of a defined register therefore proves that no feasible point exists.
public struct HC4Contractor: Sendable {
  /// The constraint "tape output `output` lies in `range`" (ranges may be unbounded, e.g.
  /// `[0, +∞]` or `[-∞, 0]`).
  public struct Constraint: Sendable, Hashable {
    public let output: Int
    public let range: Interval

    public init(output: Int, range: Interval) {
      self.output = output
      self.range = range
    }
  }

  /// The result of contracting one box.
  public struct Result: Sendable, Hashable {
    /// The contracted box, or `nil` when no feasible point exists.
    public var box: [Interval]?
    /// The enclosures of the constrained outputs over the returned box, in the order of
    /// the constraints (empty when the box is `nil`).
    public var enclosures: [Interval]
    /// Forward passes over the tape (each one an evaluation of the whole tape on a box).
    public var evaluations: Int
  }

  public let tape: Tape
  /// The most forward/backward rounds per call.
  public let maxRounds: Int
  /// A round counts as progress when some variable's width shrinks by more than this
  /// fraction; without progress the iteration stops.
  public let minimumShrink: Double
  let forward: HC4Forward

  public init(tape: Tape, maxRounds: Int = 6, minimumShrink: Double = 0.1) {
    self.tape = tape
    self.maxRounds = max(1, maxRounds)
    self.minimumShrink = minimumShrink
    self.forward = HC4Forward(tape: tape)
  }

  /// Contracts `box` against every constraint. See the type's guarantee.
  public func contract(_ box: [Interval], constraints: [Constraint]) -> Result {
    var scratch = Scratch()
    return contract(box, constraints: constraints, scratch: &scratch)
  }

  /// Reusable buffers, so a worker contracting many boxes allocates once.
  struct Scratch {
    var values: [Interval] = []
    var targets: [Interval] = []
  }

  func contract(_ start: [Interval], constraints: [Constraint], scratch: inout Scratch) -> Result {
    precondition(start.count == tape.variableCount, "box has \(start.count) sides, tape has \(tape.variableCount) variables")
    var box = start
    var evaluations = 0
    for round in 1...maxRounds {
      forward.evaluate(box, into: &scratch.values)
      evaluations += 1
      if box.contains(where: \.isEmpty) || !seedTargets(constraints, scratch: &scratch) {
        return Result(box: nil, enclosures: [], evaluations: evaluations)
      }
      if round == maxRounds { break }
      let before = box
      guard backward(&box, scratch: &scratch) else {
        return Result(box: nil, enclosures: [], evaluations: evaluations)
      }
      if !Self.progressed(from: before, to: box, minimumShrink: minimumShrink) {
        if box != before {
          forward.evaluate(box, into: &scratch.values)
          evaluations += 1
          if !seedTargets(constraints, scratch: &scratch) {
            return Result(box: nil, enclosures: [], evaluations: evaluations)
          }
        }
        break
      }
    }
    let enclosures = constraints.map { scratch.values[tape.outputs[$0.output]] }
    return Result(box: box, enclosures: enclosures, evaluations: evaluations)
  }

  /// Starts the targets at the forward enclosures and intersects each constrained output
  /// with its range. False when some defined output misses its range (no feasible point).
  private func seedTargets(_ constraints: [Constraint], scratch: inout Scratch) -> Bool {
    scratch.targets = scratch.values
    for c in constraints {
      let r = tape.outputs[c.output]
      let t = scratch.targets[r]
      if t.isPossiblyUndefined { continue }
      let narrowed = t.intersection(c.range)
      if narrowed.isEmpty { return false }
      scratch.targets[r] = narrowed
    }
    return true
  }

  /// One backward pass; narrows `box`. False when a defined register's target became
  /// empty (no feasible point).
  private func backward(_ box: inout [Interval], scratch: inout Scratch) -> Bool {
    let instructions = tape.instructions
    return scratch.targets.withUnsafeMutableBufferPointer { t in
      scratch.values.withUnsafeBufferPointer { v in
        for i in stride(from: instructions.count - 1, through: 0, by: -1) {
          let z = t[i]
          if z.isEmpty { return false }
          // Nothing learnt about this register beyond its forward enclosure: skipping a
          // projection is always sound.
          if z == v[i] || z.isPossiblyUndefined { continue }
          let ins = instructions[i]
          let a = Int(ins.a), b = Int(ins.b)
          switch HC4Backward.project(ins, z: z, targets: t) {
          case .none: continue
          case .variable:
            box[a] = z
          case .unary(let x):
            t[a] = x
            if x.isEmpty { return false }
          case .binary(let x, let y):
            if a == b {
              t[a] = HC4Backward.meet(x, y)
            } else {
              t[a] = x
              t[b] = y
            }
            if t[a].isEmpty || t[b].isEmpty { return false }
          }
        }
        return true
      }
    }
  }

  /// Whether some variable's width shrank by more than `minimumShrink` of itself.
  static func progressed(from old: [Interval], to new: [Interval], minimumShrink: Double) -> Bool {
    for (o, n) in zip(old, new) {
      let wo = o.width, wn = n.width
      if wo.isFinite ? wn < wo * (1 - minimumShrink) : wn.isFinite { return true }
    }
    return false
  }
}

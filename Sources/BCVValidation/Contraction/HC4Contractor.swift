import BCVExpression
import BCVNumerics

/// HC4-revise over a tape: contracts a box of intervals against constraints
/// `output_k(x) ∈ range_k` without losing any solution.
///
/// The one HC4 contractor of the package: `smt`'s branch-and-prune, the sampling boxes
/// (`contract(_:constraints:)`, rounds until no progress) and `interval`'s
/// branch-and-bound (`revise(_:tape:constraints:values:targets:)`, one backward pass over
/// the forward pass it already made) all contract through it.
///
/// One round is a forward pass (every register's enclosure over the box, see
/// `IntervalTapeEvaluator`) followed by a backward pass (`HC4Contractor+Revise.swift`):
/// each constrained output's enclosure is intersected with its range, then, from the last
/// instruction to the first, each instruction's target narrows the targets of its
/// operands (`HC4Backward`, with the backward operations of BCVNumerics'
/// `Interval+Backward.swift` and `Interval+BackwardElementary.swift`).
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
/// defined at every point of the box (`IntervalTapeEvaluator` turns division by an interval
/// holding 0 into `undefined`, which plain interval division does not). So for every feasible x and
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
  let evaluator: IntervalTapeEvaluator

  public init(tape: Tape, maxRounds: Int = 6, minimumShrink: Double = 0.1) {
    self.tape = tape
    self.maxRounds = max(1, maxRounds)
    self.minimumShrink = minimumShrink
    self.evaluator = IntervalTapeEvaluator(tape)
  }

  /// Contracts `box` against every constraint. See the type's guarantee.
  public func contract(_ box: [Interval], constraints: [Constraint]) -> Result {
    var scratch = Scratch()
    return contract(box, constraints: constraints, scratch: &scratch)
  }

  /// Reusable buffers (forward values and backward targets, one per register), so a
  /// worker contracting many boxes allocates them once.
  struct Scratch {
    var values: [Interval] = []
    var targets: [Interval] = []

    mutating func reserve(_ count: Int) {
      guard values.count != count else { return }
      values = Array(repeating: .entire, count: count)
      targets = values
    }
  }

  func contract(_ start: [Interval], constraints: [Constraint], scratch: inout Scratch) -> Result {
    precondition(start.count == tape.variableCount, "box has \(start.count) sides, tape has \(tape.variableCount) variables")
    scratch.reserve(evaluator.registerCount)
    var box = start
    var evaluations = 0
    for round in 1...maxRounds {
      forward(box, &scratch)
      evaluations += 1
      if box.contains(where: \.isEmpty) || !seed(constraints, &scratch) {
        return Result(box: nil, enclosures: [], evaluations: evaluations)
      }
      if round == maxRounds { break }
      let before = box
      let feasible = box.withUnsafeMutableBufferPointer { b in
        scratch.values.withUnsafeBufferPointer { v in
          scratch.targets.withUnsafeMutableBufferPointer { t in Self.backward(b, tape: tape, values: v, targets: t) }
        }
      }
      guard feasible != nil else { return Result(box: nil, enclosures: [], evaluations: evaluations) }
      if !Self.progressed(from: before, to: box, minimumShrink: minimumShrink) {
        if box != before {
          forward(box, &scratch)
          evaluations += 1
          if !seed(constraints, &scratch) {
            return Result(box: nil, enclosures: [], evaluations: evaluations)
          }
        }
        break
      }
    }
    let enclosures = constraints.map { scratch.values[tape.outputs[$0.output]] }
    return Result(box: box, enclosures: enclosures, evaluations: evaluations)
  }

  private func forward(_ box: [Interval], _ scratch: inout Scratch) {
    box.withUnsafeBufferPointer { b in
      scratch.values.withUnsafeMutableBufferPointer { evaluator.evaluate(b, into: $0) }
    }
  }

  private func seed(_ constraints: [Constraint], _ scratch: inout Scratch) -> Bool {
    scratch.values.withUnsafeBufferPointer { v in
      scratch.targets.withUnsafeMutableBufferPointer { t in Self.seed(t, values: v, tape: tape, constraints: constraints) }
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

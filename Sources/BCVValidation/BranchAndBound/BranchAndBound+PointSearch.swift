import BCVExpression
import BCVNumerics

extension BranchAndBound {
  /// The counterexample side of the branch-and-bound: looks for a certain violation inside
  /// one box, in floating point, and confirms it with `CounterexampleCheck`.
  ///
  /// Candidates are the box's centre and the corner that maximises g's linearisation at the
  /// centre. The most violating feasible candidate is pushed uphill by a short projected
  /// gradient ascent (`ascentSteps` steps, each trying the `stepFractions` of the box width
  /// along the width-scaled gradient and keeping the best feasible point that improves g),
  /// so that the reported point is the most violating one found. The ascended point is
  /// confirmed first, then the candidate itself; only a confirmed point is ever reported.
  /// Points stay inside the largest box of doubles within the piece's exact box, since
  /// nothing outside it can be confirmed. Deterministic: no randomness, and the work depends
  /// only on the box.
  ///
  /// Owns its evaluators and buffers (one per worker thread, reused for every box: a box
  /// that shows no violation allocates nothing).
  struct PointSearch {
    /// What the search saw in one box.
    struct Outcome {
      var confirmed: Counterexample?
      /// A feasible point where g evaluated to NaN.
      var undefinedAt: [Double]?
      /// A feasible point that violated in floating point but could not be confirmed.
      var unconfirmedAt: [Double]?
      /// The largest finite g at a feasible point evaluated.
      var worst = -Double.infinity
      /// Tape evaluations at points.
      var evaluations = 0
    }

    static let ascentSteps = 6
    static let stepFractions: [Double] = [0.5, 0.125, 0.03125, 0.0078125]
    private static let batch = stepFractions.count

    let program: Program
    /// Piece p's largest box of doubles inside the exact box, or nil when it has none.
    private let inner: [(lower: [Double], upper: [Double])?]
    private let values: DoubleBatchEvaluator
    private let gradient: DoubleBatchEvaluator
    /// Variable-major points for `values`: coordinate d of point k at `d * batch + k`.
    private var inputs: [Double]
    private var lo: [Double], hi: [Double], x: [Double], slope: [Double]

    init(program: Program) {
      self.program = program
      inner = program.compiled.obligation.region.pieces.map { $0.box.innerDoubleBounds }
      values = DoubleBatchEvaluator(tape: program.compiled.tape, capacity: Self.batch)
      gradient = DoubleBatchEvaluator(tape: program.gradient.tape, capacity: 1)
      let n = program.dimension
      inputs = Array(repeating: 0, count: n * Self.batch)
      (lo, hi, x, slope) = (Array(repeating: 0, count: n), Array(repeating: 0, count: n),
                            Array(repeating: 0, count: n), Array(repeating: 0, count: n))
    }

    /// Searches the box `lower…upper` of piece `piece`.
    mutating func search(piece: Int, lower: UnsafeBufferPointer<Double>,
                         upper: UnsafeBufferPointer<Double>) -> Outcome {
      var outcome = Outcome()
      guard let bounds = inner[piece] else { return outcome }
      let n = program.dimension
      for d in 0..<n {
        lo[d] = max(lower[d], bounds.lower[d])
        hi[d] = min(upper[d], bounds.upper[d])
        guard lo[d] <= hi[d] else { return outcome }
        x[d] = min(max(0.5 * lo[d] + 0.5 * hi[d], lo[d]), hi[d])
      }
      gradientAtX(&outcome)
      for d in 0..<n {
        inputs[d * Self.batch] = x[d]
        inputs[d * Self.batch + 1] = slope[d] > 0 ? hi[d] : (slope[d] < 0 ? lo[d] : x[d])
      }
      guard let (k, g) = evaluateInputs(count: 2, piece: piece, above: nil, &outcome) else { return outcome }
      let start = column(k)
      for d in 0..<n { x[d] = start[d] }
      let top = ascend(g: g, piece: piece, &outcome)
      for p in top == start ? [top] : [top, start] {
        if let cex = CounterexampleCheck.confirm(p, piece: piece, in: program.compiled) {
          outcome.confirmed = cex
          return outcome
        }
      }
      outcome.unconfirmedAt = start
      return outcome
    }

    /// Projected gradient ascent from the feasible violating point `x` with value g;
    /// returns the best point found.
    private mutating func ascend(g: Double, piece: Int, _ outcome: inout Outcome) -> [Double] {
      var gx = g
      let n = program.dimension
      for _ in 0..<Self.ascentSteps {
        gradientAtX(&outcome)
        var scale = 0.0
        for d in 0..<n { scale = max(scale, Swift.abs(slope[d] * (hi[d] - lo[d]))) }
        guard scale > 0, scale.isFinite else { break }
        for (k, t) in Self.stepFractions.enumerated() {
          for d in 0..<n {
            let w = hi[d] - lo[d]
            inputs[d * Self.batch + k] = min(max(x[d] + t * w * (slope[d] * w / scale), lo[d]), hi[d])
          }
        }
        guard let (k, gk) = evaluateInputs(count: Self.batch, piece: piece, above: gx, &outcome) else { break }
        for d in 0..<n { x[d] = inputs[d * Self.batch + k] }
        gx = gk
      }
      return x
    }

    /// ∇g at `x` in floating point into `slope` (NaN components where undefined).
    private mutating func gradientAtX(_ outcome: inout Outcome) {
      outcome.evaluations += 1
      x.withUnsafeBufferPointer { gradient.evaluate(inputs: $0.baseAddress!, stride: 1, count: 1) }
      for d in 0..<program.dimension { slope[d] = gradient.output(d)[0] }
    }

    /// Evaluates the first `count` points of `inputs`, records notes, and returns the
    /// feasible point with the largest g that violates the obligation (when `above` is nil)
    /// or exceeds `above`; ties go to the lower index.
    private mutating func evaluateInputs(count: Int, piece: Int, above: Double?,
                                         _ outcome: inout Outcome) -> (index: Int, g: Double)? {
      inputs.withUnsafeBufferPointer { values.evaluate(inputs: $0.baseAddress!, stride: Self.batch, count: count) }
      outcome.evaluations += count
      let constraints = program.compiled.pieceConstraints[piece]
      let gs = values.output(0)
      var best: (index: Int, g: Double)?
      pointLoop: for k in 0..<count {
        for j in constraints where !(values.output(j)[k] <= 0) { continue pointLoop }
        let g = gs[k]
        if g.isNaN {
          if outcome.undefinedAt == nil { outcome.undefinedAt = column(k) }
          continue
        }
        outcome.worst = max(outcome.worst, g)
        let qualifies = above.map { g > $0 } ?? program.compiled.violates(g)
        if qualifies, best.map({ g > $0.g }) ?? true { best = (k, g) }
      }
      return best
    }

    /// Point k of `inputs`.
    private func column(_ k: Int) -> [Double] {
      (0..<program.dimension).map { inputs[$0 * Self.batch + k] }
    }
  }
}

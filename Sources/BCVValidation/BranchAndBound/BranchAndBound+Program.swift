import BCVExpression
import BCVNumerics

extension BranchAndBound {
  /// Everything the interval branch-and-bound compiles once per obligation and then shares,
  /// read-only, between its worker threads.
  ///
  /// - `main` (`compiled.tape`) computes g (output 0) and every region constraint.
  /// - `gradient` computes ∂g/∂xᵢ for every variable i (output i), from
  ///   `Expr.derivative(withRespectTo:)`; where g has an `abs` kink the derivative uses
  ///   sign(u), whose enclosure spans the Clarke gradient, so mean-value bounds stay sound.
  /// - `value` computes g alone, for the value at a box's centre.
  /// - `bernstein` encloses a polynomial g by its Bernstein coefficients (nil when g is not
  ///   a polynomial, is too large, or the strategy was made without it); `setMultipliers`
  ///   do the same for g − λ·h per constraint h where that cancels g's leading form.
  /// - `roots[p]` is piece p's box enclosed outward in doubles: it contains the exact box.
  struct Program: Sendable {
    let compiled: CompiledObligation
    let main: IntervalTapeEvaluator
    let gradient: IntervalTapeEvaluator
    let value: IntervalTapeEvaluator
    /// Whether the mean-value form may be used: g must be continuous wherever its natural
    /// enclosure is defined, which fails only for the internal `sign` function (it appears
    /// in g when g is itself the derivative of an expression with `abs`).
    let meanValueAllowed: Bool
    let bernstein: BernsteinEnclosure?
    /// Per piece, the set multipliers (`SetMultiplier`) of its constraints; empty
    /// without the Bernstein step.
    let setMultipliers: [[SetMultiplier]]
    /// Per piece, its constraints `h ≤ 0` as the HC4 contractor takes them.
    let pieceContraction: [[HC4Contractor.Constraint]]
    let roots: [(lower: [Double], upper: [Double])]
    /// Per piece: the dimensions in which its root box has positive width. Volumes and
    /// undecided fractions are measured in these only, so a piece that is flat in some
    /// variable (a point bound) still has a meaningful measure.
    let measuredDimensions: [[Int]]

    /// The most terms g's expansion may have for the Bernstein enclosure to be prepared.
    static let maxExpandedTerms = 20_000

    init(_ compiled: CompiledObligation, bernstein usesBernstein: Bool) {
      let obligation = compiled.obligation
      let n = obligation.dimension
      let g = obligation.expression
      self.compiled = compiled
      main = IntervalTapeEvaluator(compiled.tape)
      gradient = IntervalTapeEvaluator(Tape(compiling: (0..<n).map { g.derivative(withRespectTo: $0) }, variableCount: n))
      value = IntervalTapeEvaluator(Tape(compiling: [g], variableCount: n))
      let setRange = Interval(-.infinity, 0)
      pieceContraction = compiled.pieceConstraints.map { $0.map { HC4Contractor.Constraint(output: $0, range: setRange) } }
      meanValueAllowed = !value.tape.instructions.contains { $0.op == .sign }
      let polynomial = usesBernstein ? g.polynomial(variableCount: n, maxTerms: Self.maxExpandedTerms) : nil
      bernstein = polynomial.flatMap { BernsteinEnclosure($0, maxCoefficients: IntervalStrategy.maxBernsteinCoefficients) }
      setMultipliers = polynomial.map {
        SetMultiplier.all(for: obligation, g: $0, maxTerms: Self.maxExpandedTerms,
                             maxCoefficients: IntervalStrategy.maxBernsteinCoefficients)
      } ?? obligation.region.pieces.map { _ in [] }
      roots = obligation.region.pieces.map { piece in
        (piece.box.bounds.map { $0.lower.doubleEnclosure.lower },
         piece.box.bounds.map { $0.upper.doubleEnclosure.upper })
      }
      measuredDimensions = roots.map { root in (0..<n).filter { root.lower[$0] < root.upper[$0] } }
    }

    var dimension: Int { compiled.obligation.dimension }
    var strict: Bool { compiled.obligation.strict }

    /// Whether an upper bound of g certifies the obligation on a box (≤ 0, or < 0 when
    /// strict). NaN never certifies.
    @inline(__always)
    func certifies(upperBound u: Double) -> Bool {
      strict ? u < 0 : u <= 0
    }

    /// The measure of the box `lower…upper` in piece p's measured dimensions (rounded;
    /// for reporting only).
    func measure(piece p: Int, lower: UnsafeBufferPointer<Double>, upper: UnsafeBufferPointer<Double>) -> Double {
      var m = 1.0
      for d in measuredDimensions[p] { m *= upper[d] - lower[d] }
      return m
    }

    /// Piece p's root measure.
    func rootMeasure(piece p: Int) -> Double {
      measuredDimensions[p].reduce(1.0) { $0 * (roots[p].upper[$1] - roots[p].lower[$1]) }
    }
  }
}

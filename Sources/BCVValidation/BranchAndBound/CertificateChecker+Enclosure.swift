import BCVExpression
import BCVNumerics

extension CertificateChecker {
  /// The checker's own enclosure of g over a leaf box: natural interval evaluation of g's
  /// tape, then, when that is not enough, its intersection with the mean-value form, and
  /// for a polynomial g its exact Bernstein coefficients.
  struct GEnclosure {
    let value: Tape
    /// ∂g/∂xᵢ as output i, or nil when the mean-value form may not be used: g contains
    /// the internal `sign` function (g may then be discontinuous).
    let gradient: Tape?
    /// g expanded exactly, when it is a polynomial whose tensor Bernstein expansion has at
    /// most `IntervalStrategy.maxBernsteinCoefficients` coefficients (the most the
    /// strategy uses).
    let polynomial: Polynomial?

    init(_ g: Expr, variableCount n: Int) {
      value = Tape(compiling: [g], variableCount: n)
      gradient = value.instructions.contains { $0.op == .sign }
        ? nil : Tape(compiling: (0..<n).map { g.derivative(withRespectTo: $0) }, variableCount: n)
      polynomial = expandable(g.polynomial(variableCount: n, maxTerms: BranchAndBound.Program.maxExpandedTerms))
    }

    /// Whether g ≤ u at every point of the box `lower…upper` (finite doubles, read as
    /// exact rationals), by the exact Bernstein range; false when g is not such a polynomial.
    func bernsteinConfirms(upperBound u: Double, lower: [Double], upper: [Double]) -> Bool {
      polynomial.map { exactBernsteinBounds($0, by: u, lower: lower, upper: upper) } ?? false
    }

    /// An interval containing g(x) for every x in `box`, or nil when g is possibly
    /// undefined somewhere on the box. The tighter of the natural enclosure and its
    /// intersection with the mean-value form (when that applies and is not empty).
    func enclosure(on box: [Interval]) -> Interval? {
      guard let natural = checkedOutputs(value, at: box)?[0], !natural.isPossiblyUndefined else { return nil }
      guard let m = meanValue(on: box) else { return natural }
      let both = natural.intersection(m)
      return both.isEmpty || both.isPossiblyUndefined || both.upper >= natural.upper ? natural : both
    }

    /// g(c) + Σᵢ ∂g/∂xᵢ(box)·(boxᵢ − cᵢ), c the box's midpoint (`Interval.midpoint` per
    /// variable), summed in variable order; nil when it does not apply. Valid because g is
    /// defined on the whole box (checked by the caller), hence continuous there (every
    /// operation is continuous on its domain; `sign` is excluded), and Lipschitz along
    /// segments with derivatives enclosed by the gradient (Clarke's at `abs` kinks).
    private func meanValue(on box: [Interval]) -> Interval? {
      guard let gradient, let slopes = checkedOutputs(gradient, at: box),
            !slopes.contains(where: \.isPossiblyUndefined) else { return nil }
      let centre = box.map { Interval($0.midpoint) }
      guard var sum = checkedOutputs(value, at: centre)?[0], !sum.isPossiblyUndefined else { return nil }
      for d in box.indices {
        sum = sum + slopes[d] * (box[d] - centre[d])
      }
      return sum
    }
  }
}

extension CertificateChecker {
  /// The polynomials g − λ·h_k that `boundedOnSet` leaves name, expanded exactly once each.
  struct SetRelaxations {
    private let g: Polynomial?
    private let constraints: [[Expr]]
    private let n: Int
    private var cache: [String: Polynomial?] = [:]

    init(g: Expr, constraints: [[Expr]], variableCount n: Int) {
      self.g = g.polynomial(variableCount: n, maxTerms: BranchAndBound.Program.maxExpandedTerms)
      self.constraints = constraints
      self.n = n
    }

    /// Whether g − λ·h ≤ u at every point of the box `lower…upper` (finite doubles, read
    /// as exact rationals), h the piece's constraint k, by the exact Bernstein range;
    /// false when g or h is not a polynomial or the expansion exceeds
    /// `IntervalStrategy.maxBernsteinCoefficients` coefficients.
    mutating func confirms(piece: Int, constraint k: Int, multiplier lambda: Rational, upperBound u: Double,
                           lower: [Double], upper: [Double]) -> Bool {
      let key = "\(piece) \(k) \(lambda)"
      if cache[key] == nil {
        let h = constraints[piece][k].polynomial(variableCount: n, maxTerms: BranchAndBound.Program.maxExpandedTerms)
        cache[key] = .some(expandable(g.flatMap { g in h.map { g - lambda * $0 } }))
      }
      guard let q = cache[key] ?? nil else { return false }
      return exactBernsteinBounds(q, by: u, lower: lower, upper: upper)
    }
  }

  /// `p` when its Bernstein expansion has at most `IntervalStrategy.maxBernsteinCoefficients`
  /// coefficients (the most the strategy uses), so checking a leaf stays cheap; else nil.
  static func expandable(_ p: Polynomial?) -> Polynomial? {
    guard let p, let count = BernsteinExpansion.coefficientCount(of: p),
          count <= IntervalStrategy.maxBernsteinCoefficients else { return nil }
    return p
  }

  /// Whether p ≤ u on the box `lower…upper`, by p's greatest exact Bernstein coefficient.
  static func exactBernsteinBounds(_ p: Polynomial, by u: Double, lower: [Double], upper: [Double]) -> Bool {
    guard let bound = Rational(exactly: u),
          let maximum = BernsteinExpansion.maximum(of: p, lower: lower, upper: upper) else { return false }
    return maximum <= bound
  }
}

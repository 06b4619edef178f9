import BCVExpression
import BCVNumerics

extension BranchAndBound {
  /// A relaxation by which the interval branch-and-bound proves g ≤ 0 on a piece's set where
  /// g has a zero margin on the set's boundary, without contraction (so proofs that use it
  /// can be certified).
  ///
  /// For a constraint h ≤ 0 of the piece and a multiplier λ ≥ 0: if g − λ·h ≤ u on a box,
  /// then g ≤ u + λ·h ≤ u at every point of the box that lies in the set. λ is chosen once
  /// per constraint so that g − λ·h loses g's leading form: g's terms of top degree are λ
  /// times h's (as for a level-set condition, where g = c − B and the set is B ≥ c, giving
  /// g − h = 0, or a disc tangent to the level set B = 0). Boxes then need only a bound on
  /// the lower-degree remainder, which Bernstein coefficients give exactly.
  struct SetMultiplier: Sendable {
    /// The constraint's index among its piece's constraints.
    let constraint: Int
    /// λ > 0.
    let multiplier: Rational
    /// The Bernstein enclosure of g − λ·h.
    let enclosure: BernsteinEnclosure

    /// The multipliers for every constraint of every piece where one applies: g and h
    /// polynomial, of the same total degree with proportional top-degree terms, and g − λ·h
    /// small enough for a Bernstein enclosure.
    static func all(for obligation: Obligation, g: Polynomial, maxTerms: Int, maxCoefficients: Int) -> [[SetMultiplier]] {
      let n = obligation.dimension
      return obligation.region.pieces.map { piece in
        piece.constraints.enumerated().compactMap { k, c -> SetMultiplier? in
          guard let h = c.polynomial(variableCount: n, maxTerms: maxTerms), let lambda = leadingRatio(g, h),
                let enclosure = BernsteinEnclosure(g - lambda * h, maxCoefficients: maxCoefficients) else { return nil }
          return SetMultiplier(constraint: k, multiplier: lambda, enclosure: enclosure)
        }
      }
    }

    /// The λ > 0 with top-degree terms of g = λ · top-degree terms of h, when the two have
    /// the same total degree ≥ 1 and such a λ exists; nil otherwise.
    static func leadingRatio(_ g: Polynomial, _ h: Polynomial) -> Rational? {
      guard g.degree >= 1, g.degree == h.degree else { return nil }
      let top = g.terms.filter { $0.monomial.degree == g.degree }
      let hTop = h.terms.filter { $0.monomial.degree == h.degree }
      guard top.count == hTop.count, let first = top.first, case let c = h.coefficient(of: first.monomial), !c.isZero
      else { return nil }
      let lambda = first.coefficient / c
      guard lambda.signum() > 0 else { return nil }
      for term in top where h.coefficient(of: term.monomial) * lambda != term.coefficient { return nil }
      return lambda
    }
  }
}

import BCVNumerics

/// Exact proofs that a polynomial is non-positive on all of ℝⁿ, tried before any
/// subdivision. A proof on ℝⁿ is a proof on every region. These checks settle tangent
/// cases (a zero of g inside the region, such as Ḃ = −(x1 − x2)²) that subdivision
/// cannot: the Bernstein bounds of a box with the zero in its interior are positive
/// somewhere, so subdivision proves such cases only when the zeros lie on box sides.
public enum GlobalSignCheck {
  /// true only when p(x) ≤ 0 at every real x (p(x) < 0 when `strict`); false means
  /// "not shown", never "false somewhere".
  ///
  /// (a) Every monomial has even exponents only and every coefficient is ≤ 0: each term
  ///     is ≤ 0 everywhere, so p is; strictly so when, in addition, the constant term is
  ///     negative (p ≤ constant < 0).
  /// (b) Total degree ≤ 2: sup p over ℝⁿ is computed exactly (`QuadraticFormCheck`); the
  ///     obligation holds iff sup p ≤ 0 (< 0 when strict). A strict obligation is proved
  ///     only with the certain margin sup p < 0: when sup p = 0 the zero is attained, and
  ///     whether that point lies in the region is left to the subdivision.
  public static func provesNonPositive(_ p: Polynomial, strict: Bool) -> Bool {
    if isNonPositiveEvenSum(p) {
      if !strict { return true }
      let constant = p.coefficient(of: Monomial(constantIn: p.variableCount))
      if constant.signum() < 0 { return true }
    }
    if p.degree <= 2, let sup = QuadraticFormCheck.supremum(of: p) {
      return strict ? sup.signum() < 0 : sup.signum() <= 0
    }
    return false
  }

  /// true only when g(x) ≤ 0 (< 0 when `strict`) at every x with c(x) ≤ 0; false means
  /// "not shown".
  ///
  /// The S-procedure with a constant multiplier: if g − λc ≤ 0 on ℝⁿ (< 0 when strict)
  /// for some λ ≥ 0, then wherever c ≤ 0, g ≤ λc + (g − λc) ≤ 0 (< 0). The one λ tried
  /// cancels c's leading term in g, which settles sets defined by the certificate
  /// itself, such as B ≤ 0 on {B ≤ 0} or −B < 0 on {1/2 − B ≤ 0}, whose zero sets are
  /// curved boundaries that subdivision cannot prove.
  public static func provesNonPositive(_ g: Polynomial, where c: Polynomial, strict: Bool) -> Bool {
    guard let lead = c.terms.first else { return false }
    let lambda = g.coefficient(of: lead.monomial) / lead.coefficient
    guard lambda.signum() > 0 else { return false }
    return provesNonPositive(g - lambda * c, strict: strict)
  }

  /// Whether every term of p is c·x^e with c ≤ 0 and every exponent even.
  static func isNonPositiveEvenSum(_ p: Polynomial) -> Bool {
    p.terms.allSatisfy { term in
      term.coefficient.signum() <= 0 && term.monomial.exponents.allSatisfy { $0 % 2 == 0 }
    }
  }
}

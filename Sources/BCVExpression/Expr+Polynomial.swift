import BCVNumerics

extension Expr {
  /// The expression as an exact polynomial in x0 … x(variableCount−1), or nil when it is
  /// not polynomial or too large to expand.
  ///
  /// Guarantee: a non-nil result equals the expression at every real point (the
  /// expression is then defined everywhere). The conversion is exact: every coefficient
  /// is a rational, nothing is rounded.
  ///
  /// nil for `pi`, function calls, `realPower`, a division whose divisor is not a
  /// nonzero constant polynomial, and a negative power whose base is not a nonzero
  /// constant polynomial. "Constant" is judged by value, so `x/(y - y + 2)` converts
  /// (the divisor is the constant 2 everywhere), while `x/(y - y)` does not.
  ///
  /// nil, too, when expanding would build a polynomial with more than `maxTerms` terms:
  /// a product whose operands have a·b > maxTerms term pairs, or a power that
  /// `Polynomial.power(_:maxTerms:)` refuses with `PolynomialTooLarge`. Callers treat such
  /// an expression as not polynomial (an unknown, never a wrong answer).
  ///
  /// Every variable index must be below `variableCount`.
  public func polynomial(variableCount: Int, maxTerms: Int = 100_000) -> Polynomial? {
    switch self {
    case .constant(let c):
      return Polynomial(constant: c, variableCount: variableCount)
    case .variable(let i):
      precondition(
        i >= 0 && i < variableCount,
        "variable index \(i) out of range for a polynomial in \(variableCount) variables")
      return Polynomial.variable(i, count: variableCount)
    case .pi, .realPower, .call:
      return nil
    case .sum, .difference, .negation:
      return signedSum(variableCount: variableCount, maxTerms: maxTerms)
    case .product(let a, let b):
      guard let p = a.polynomial(variableCount: variableCount, maxTerms: maxTerms),
            let q = b.polynomial(variableCount: variableCount, maxTerms: maxTerms) else { return nil }
      let (pairs, overflow) = p.terms.count.multipliedReportingOverflow(by: q.terms.count)
      return overflow || pairs > maxTerms ? nil : p * q
    case .quotient(let a, let b):
      guard let divisor = b.polynomial(variableCount: variableCount, maxTerms: maxTerms)?.constantValue,
            !divisor.isZero,
            let p = a.polynomial(variableCount: variableCount, maxTerms: maxTerms) else { return nil }
      return divisor.reciprocal * p
    case .power(let a, let n):
      guard let base = a.polynomial(variableCount: variableCount, maxTerms: maxTerms) else { return nil }
      if n < 0 {
        guard let c = base.constantValue, !c.isZero, n != Int.min else { return nil }
        return Polynomial(constant: c.power(n), variableCount: variableCount)
      }
      return try? base.power(n, maxTerms: maxTerms)
    }
  }

  /// A chain of sums, differences and negations, flattened so that long sums cost time
  /// linear in their terms (and no recursion per `+`): its summands converted and
  /// collected in one pass. nil when a summand does not convert.
  private func signedSum(variableCount: Int, maxTerms: Int) -> Polynomial? {
    var terms: [Polynomial.Term] = []
    var pending: [(expr: Expr, negated: Bool)] = [(self, false)]
    while let (e, negated) = pending.popLast() {
      switch e {
      case .sum(let a, let b):
        pending.append((a, negated))
        pending.append((b, negated))
      case .difference(let a, let b):
        pending.append((a, negated))
        pending.append((b, !negated))
      case .negation(let a):
        pending.append((a, !negated))
      default:
        guard let p = e.polynomial(variableCount: variableCount, maxTerms: maxTerms) else { return nil }
        for t in p.terms {
          terms.append(Polynomial.Term(monomial: t.monomial, coefficient: negated ? -t.coefficient : t.coefficient))
        }
      }
    }
    return Polynomial(variableCount: variableCount, terms: terms)
  }
}

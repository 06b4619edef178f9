// Exact ring operations on polynomials. Operands must have the same variable count; every
// result is canonical.

extension Polynomial {
  public static func + (lhs: Polynomial, rhs: Polynomial) -> Polynomial {
    requireSameVariables(lhs, rhs, "+")
    // Merge the two decreasing term lists, adding coefficients of equal monomials.
    var merged: [Term] = []
    merged.reserveCapacity(lhs.terms.count + rhs.terms.count)
    var i = 0, j = 0
    while i < lhs.terms.count && j < rhs.terms.count {
      let (l, r) = (lhs.terms[i], rhs.terms[j])
      if l.monomial > r.monomial {
        merged.append(l)
        i += 1
      } else if r.monomial > l.monomial {
        merged.append(r)
        j += 1
      } else {
        let sum = l.coefficient + r.coefficient
        if !sum.isZero { merged.append(Term(monomial: l.monomial, coefficient: sum)) }
        i += 1
        j += 1
      }
    }
    merged.append(contentsOf: lhs.terms[i...])
    merged.append(contentsOf: rhs.terms[j...])
    return Polynomial(variableCount: lhs.variableCount, canonicalTerms: merged)
  }

  public static prefix func - (operand: Polynomial) -> Polynomial {
    Polynomial(
      variableCount: operand.variableCount,
      canonicalTerms: operand.terms.map { Term(monomial: $0.monomial, coefficient: -$0.coefficient) })
  }

  public static func - (lhs: Polynomial, rhs: Polynomial) -> Polynomial {
    lhs + (-rhs)
  }

  public static func * (lhs: Polynomial, rhs: Polynomial) -> Polynomial {
    requireSameVariables(lhs, rhs, "*")
    var products: [Monomial: Rational] = [:]
    for l in lhs.terms {
      for r in rhs.terms {
        products[l.monomial.multiplied(by: r.monomial), default: 0] += l.coefficient * r.coefficient
      }
    }
    return Polynomial(variableCount: lhs.variableCount, collected: products)
  }

  /// scalar · polynomial, term by term (the zero polynomial when scalar is zero).
  public static func * (lhs: Rational, rhs: Polynomial) -> Polynomial {
    if lhs.isZero { return .zero(variableCount: rhs.variableCount) }
    return Polynomial(
      variableCount: rhs.variableCount,
      canonicalTerms: rhs.terms.map { Term(monomial: $0.monomial, coefficient: lhs * $0.coefficient) })
  }

  /// polynomial · scalar, term by term.
  public static func * (lhs: Polynomial, rhs: Rational) -> Polynomial {
    rhs * lhs
  }

  public static func += (lhs: inout Polynomial, rhs: Polynomial) { lhs = lhs + rhs }
  public static func -= (lhs: inout Polynomial, rhs: Polynomial) { lhs = lhs - rhs }
  public static func *= (lhs: inout Polynomial, rhs: Polynomial) { lhs = lhs * rhs }

  /// self^n for n ≥ 0 by repeated squaring (self^0 is 1).
  ///
  /// Throws `PolynomialTooLarge` instead of multiplying two intermediate polynomials with
  /// a and b terms when a·b > maxTerms: a·b bounds both that product's term count and its
  /// work, so no polynomial of more than maxTerms terms is ever built. The limit does not
  /// bound coefficient sizes or degrees; callers bound n.
  public func power(_ n: Int, maxTerms: Int = 100_000) throws(PolynomialTooLarge) -> Polynomial {
    precondition(n >= 0, "Polynomial.power needs a non-negative exponent, got \(n)")
    var result = Polynomial(constant: 1, variableCount: variableCount)
    var base = self
    var e = n
    while e > 0 {
      if e & 1 == 1 { result = try result.multiplied(by: base, maxTerms: maxTerms) }
      e >>= 1
      if e > 0 { base = try base.multiplied(by: base, maxTerms: maxTerms) }
    }
    return result
  }

  /// self · other, refused with `PolynomialTooLarge` when the term counts' product exceeds
  /// maxTerms.
  internal func multiplied(by other: Polynomial, maxTerms: Int) throws(PolynomialTooLarge) -> Polynomial {
    let (pairs, overflow) = terms.count.multipliedReportingOverflow(by: other.terms.count)
    if overflow || pairs > maxTerms { throw PolynomialTooLarge(maxTerms: maxTerms) }
    return self * other
  }

  /// Traps when the operands of `operation` have different variable counts.
  private static func requireSameVariables(_ lhs: Polynomial, _ rhs: Polynomial, _ operation: String) {
    precondition(
      lhs.variableCount == rhs.variableCount,
      "Polynomial \(operation) of operands in \(lhs.variableCount) and \(rhs.variableCount) variables")
  }
}

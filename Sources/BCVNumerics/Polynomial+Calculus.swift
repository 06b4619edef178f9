// Exact differentiation and substitution of polynomials.

extension Polynomial {
  /// ∂self/∂x_index, exactly; it has the same variable count.
  public func derivative(withRespectTo index: Int) -> Polynomial {
    precondition(
      index >= 0 && index < variableCount,
      "derivative with respect to variable \(index) of a polynomial in \(variableCount) variables")
    var derived: [Term] = []
    for term in terms {
      let e = term.monomial.exponents[index]
      if e == 0 { continue }
      derived.append(
        Term(
          monomial: term.monomial.loweringExponent(of: index),
          coefficient: term.coefficient * Rational(e)))
    }
    // Lowering one exponent in every monomial keeps their order (graded lex is a monomial
    // order), and distinct monomials stay distinct, so the list is still canonical.
    return Polynomial(variableCount: variableCount, canonicalTerms: derived)
  }

  /// self(p0, …, p(n−1)): polynomial `substitutions[i]` put in place of x_i, exactly —
  /// for example B(f(x)) for a discrete-time system x ↦ f(x).
  ///
  /// There must be one substitution per variable, all in the same number of variables,
  /// which is the result's (0 when self has no variables and so no substitutions).
  /// Throws `PolynomialTooLarge` when a multiplication step would pair more than maxTerms
  /// terms (see `power(_:maxTerms:)`) or the running sum would hold more than maxTerms terms.
  public func composed(
    with substitutions: [Polynomial], maxTerms: Int = 100_000
  ) throws(PolynomialTooLarge) -> Polynomial {
    precondition(
      substitutions.count == variableCount,
      "composition of a polynomial in \(variableCount) variables with \(substitutions.count) substitutions")
    let targetCount = substitutions.first?.variableCount ?? 0
    for (i, s) in substitutions.enumerated() {
      precondition(
        s.variableCount == targetCount,
        "substitution \(i) has \(s.variableCount) variables, substitution 0 has \(targetCount)")
    }

    // powers[i][k] = substitutions[i]^k, extended as terms need higher powers.
    var powers = substitutions.map { [Polynomial(constant: 1, variableCount: targetCount), $0] }
    var sum: [Monomial: Rational] = [:]
    for term in terms {
      var product = Polynomial(constant: term.coefficient, variableCount: targetCount)
      for (i, e) in term.monomial.exponents.enumerated() where e > 0 {
        while powers[i].count <= e {
          powers[i].append(try powers[i][powers[i].count - 1].multiplied(by: substitutions[i], maxTerms: maxTerms))
        }
        product = try product.multiplied(by: powers[i][e], maxTerms: maxTerms)
      }
      for t in product.terms {
        sum[t.monomial, default: 0] += t.coefficient
      }
      if sum.count > maxTerms { throw PolynomialTooLarge(maxTerms: maxTerms) }
    }
    return Polynomial(variableCount: targetCount, collected: sum)
  }
}

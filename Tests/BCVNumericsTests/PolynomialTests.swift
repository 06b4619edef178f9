import BCVNumerics
import BCVTestSupport
import Testing

/// A random polynomial with up to `maxTerms` terms of degree ≤ 3 in each variable and small
/// rational coefficients.
private func randomPolynomial(variables: Int, maxTerms: Int, using g: inout SeededGenerator) -> Polynomial {
  let terms = (0..<g.nextInt(below: maxTerms + 1)).map { _ in
    Polynomial.Term(
      exponents: (0..<variables).map { _ in g.nextInt(below: 4) },
      coefficient: randomRational(bits: 12, using: &g))
  }
  return Polynomial(variableCount: variables, terms: terms)
}

private func randomPoint(_ count: Int, using g: inout SeededGenerator) -> [Rational] {
  (0..<count).map { _ in randomRational(bits: 10, using: &g) }
}

@Test("sums, products and powers agree with evaluation at rational points")
func sumsProductsAndPowersAgreeWithEvaluationAtRationalPoints() throws {
  var g = SeededGenerator(seed: propertyTestSeed)
  for _ in 0..<200 {
    let n = 1 + g.nextInt(below: 3)
    let p = randomPolynomial(variables: n, maxTerms: 5, using: &g)
    let q = randomPolynomial(variables: n, maxTerms: 5, using: &g)
    let c = randomRational(bits: 20, using: &g)
    let x = randomPoint(n, using: &g)
    let (px, qx) = (p.evaluate(at: x), q.evaluate(at: x))
    let results = [p + q, p - q, p * q, c * p, try p.power(3), -p]
    for r in results { r._checkInvariants() }
    #expect(results[0].evaluate(at: x) == px + qx)
    #expect(results[1].evaluate(at: x) == px - qx)
    #expect(results[2].evaluate(at: x) == px * qx)
    #expect(results[3].evaluate(at: x) == c * px)
    #expect(results[4].evaluate(at: x) == px.power(3))
    #expect(results[5].evaluate(at: x) == -px)
    #expect((p - p).isZero && p * q == q * p && p + q == q + p)
    #expect(p.isZero || q.isZero || (p * q).degree == p.degree + q.degree)
  }
}

@Test("derivatives agree with the power rule at rational points and obey the product rule")
func derivativesAgreeWithThePowerRuleAndObeyTheProductRule() {
  var g = SeededGenerator(seed: propertyTestSeed)
  for _ in 0..<200 {
    let n = 1 + g.nextInt(below: 3)
    let p = randomPolynomial(variables: n, maxTerms: 6, using: &g)
    let q = randomPolynomial(variables: n, maxTerms: 4, using: &g)
    let i = g.nextInt(below: n)
    let x = randomPoint(n, using: &g)
    let dp = p.derivative(withRespectTo: i)
    dp._checkInvariants()
    // Σ c · e_i · x_i^(e_i − 1) · Π_{j≠i} x_j^(e_j), evaluated term by term.
    var expected: Rational = 0
    for term in p.terms where term.monomial.exponents[i] > 0 {
      var product = term.coefficient
      for (j, e) in term.monomial.exponents.enumerated() {
        product *= j == i ? Rational(e) * x[j].power(e - 1) : x[j].power(e)
      }
      expected += product
    }
    #expect(dp.evaluate(at: x) == expected)
    #expect((p * q).derivative(withRespectTo: i) == dp * q + p * q.derivative(withRespectTo: i))
    #expect(dp.degree(in: i) == max(0, p.degree(in: i) - 1))
  }
}

@Test("composition agrees with evaluating at the substituted values")
func compositionAgreesWithEvaluatingAtTheSubstitutedValues() throws {
  var g = SeededGenerator(seed: propertyTestSeed)
  for _ in 0..<200 {
    let n = 1 + g.nextInt(below: 3)
    let m = 1 + g.nextInt(below: 3)
    let p = randomPolynomial(variables: n, maxTerms: 4, using: &g)
    let substitutions = (0..<n).map { _ in randomPolynomial(variables: m, maxTerms: 3, using: &g) }
    let y = randomPoint(m, using: &g)
    let composed = try p.composed(with: substitutions)
    composed._checkInvariants()
    #expect(composed.variableCount == m)
    #expect(composed.evaluate(at: y) == p.evaluate(at: substitutions.map { $0.evaluate(at: y) }))
  }
  let x = (0..<2).map { Polynomial.variable($0, count: 2) }
  let p = randomPolynomial(variables: 2, maxTerms: 6, using: &g)
  #expect(try p.composed(with: x) == p)
}

@Test("equal polynomials have the same canonical terms and hash")
func equalPolynomialsHaveTheSameCanonicalTermsAndHash() throws {
  let x = Polynomial.variable(0, count: 2), y = Polynomial.variable(1, count: 2)
  let one = Polynomial(constant: 1, variableCount: 2)
  #expect(x + y == y + x && (x + y).hashValue == (y + x).hashValue)
  let square = try (x + one).power(2)
  let expanded = Polynomial(
    variableCount: 2,
    terms: [
      .init(exponents: [0, 0], coefficient: 1), .init(exponents: [1, 0], coefficient: 2),
      .init(exponents: [2, 0], coefficient: 1), .init(exponents: [1, 1], coefficient: 0),
    ])
  expanded._checkInvariants()
  #expect(square == expanded && square.hashValue == expanded.hashValue)
  #expect(square.terms.map(\.monomial.exponents) == [[2, 0], [1, 0], [0, 0]])
  let mixed = x * y + y * y + x + y + one
  #expect(mixed.terms.map(\.monomial.exponents) == [[1, 1], [0, 2], [1, 0], [0, 1], [0, 0]])
  #expect(Polynomial(variableCount: 1, terms: [.init(exponents: [3], coefficient: 0)]).isZero)
}

@Test("descriptions, degrees and coefficients read back what was built")
func descriptionsDegreesAndCoefficientsReadBackWhatWasBuilt() throws {
  let x = Polynomial.variable(0, count: 2), y = Polynomial.variable(1, count: 2)
  let threeQuarters = Rational(BigInt(3), BigInt(4))
  let p = -threeQuarters * x * x * y - y + Polynomial(constant: 2, variableCount: 2)
  #expect(p.description == "-3/4*x0^2*x1 - x1 + 2")
  #expect(p.description(variableNames: ["u", "v"]) == "-3/4*u^2*v - v + 2")
  #expect(try (x + Polynomial(constant: 1, variableCount: 2)).power(2).description == "x0^2 + 2*x0 + 1")
  #expect(Polynomial.zero(variableCount: 3).description == "0")
  #expect(p.degree == 3 && p.degree(in: 0) == 2 && p.degree(in: 1) == 1)
  #expect(p.coefficient(of: Monomial([2, 1])) == -threeQuarters)
  #expect(p.coefficient(of: Monomial([0, 0])) == 2 && p.coefficient(of: Monomial([1, 0])) == 0)
  #expect(p.constantValue == nil && Polynomial(constant: 5, variableCount: 2).constantValue == 5)
  #expect(Polynomial.zero(variableCount: 1).constantValue == 0 && Polynomial.zero(variableCount: 1).degree == 0)
}

@Test("double evaluation approximates exact evaluation")
func doubleEvaluationApproximatesExactEvaluation() {
  var g = SeededGenerator(seed: propertyTestSeed)
  for _ in 0..<200 {
    let n = 1 + g.nextInt(below: 3)
    let p = randomPolynomial(variables: n, maxTerms: 6, using: &g)
    let point = (0..<n).map { _ in g.nextDouble(in: -2, 2) }
    let exact = p.evaluate(at: point.map { Rational(exactly: $0)! })
    let approximate = p.evaluate(at: point)
    let scale = p.terms.reduce(0.0) { $0 + $1.coefficient.magnitude.doubleValue * 64 }
    #expect(abs(approximate - exact.doubleValue) <= 1e-12 * max(1, scale))
  }
}

@Test("powers and compositions stop at the term limit")
func powersAndCompositionsStopAtTheTermLimit() throws {
  let variables = (0..<3).map { Polynomial.variable($0, count: 3) }
  let sum = variables.reduce(Polynomial(constant: 1, variableCount: 3), +)
  #expect(throws: PolynomialTooLarge(maxTerms: 100)) { try sum.power(20, maxTerms: 100) }
  #expect(throws: PolynomialTooLarge(maxTerms: 100)) {
    try (variables[0] * variables[1] * variables[2]).power(30).composed(with: [sum, sum, sum], maxTerms: 100)
  }
  #expect(try variables[0].power(1000).terms.count == 1)
  #expect(try sum.power(3).terms.count == 20)
}

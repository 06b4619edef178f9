import BCVExpression
import BCVNumerics
import BCVTestSupport
import BCVValidation
import Testing

/// A random polynomial expression: a sum of c·x^e terms, written as text so that the
/// parser builds it as a case would.
private func randomPolynomialText(_ names: [String], using g: inout SeededGenerator) -> String {
  (0..<(1 + g.nextInt(below: 4))).map { _ in
    let factors = names.map { "\($0)^\(g.nextInt(below: 3))" }
    return "(\(g.nextInt(below: 11) - 5)/\(1 + g.nextInt(below: 3)))*" + factors.joined(separator: "*")
  }.joined(separator: " + ")
}

@Test("Symbolic: the exact certificate change equals certificateChange as a polynomial")
func symbolicCertificateChangeMatchesTheExpression() throws {
  var g = SeededGenerator(seed: propertyTestSeed)
  for round in 0..<60 {
    let n = 1 + g.nextInt(below: 3)
    let names = ["x1", "x2", "x3"].prefix(n).map { $0 }
    let time: TimeModel = round % 2 == 0 ? .continuous : .discrete
    let problem = try SymbolicFixtures.problem(
      variables: names, dynamics: names.map { _ in randomPolynomialText(names, using: &g) },
      certificate: randomPolynomialText(names, using: &g),
      domain: names.map { _ in Bounds(-1, 1) }, initial: StateSet(), unsafe: StateSet(), time: time)
    let exact = try #require(problem.polynomialCertificateChange())
    #expect(exact == problem.certificateChange.polynomial(variableCount: n))
  }
}

@Test("Symbolic: the certificate change of non-polynomial problems is nil")
func symbolicCertificateChangeOfNonPolynomialProblemsIsNil() throws {
  let problem = try SymbolicFixtures.problem(
    variables: ["x"], dynamics: ["sin(x)"], certificate: "x^2", domain: [Bounds(-1, 1)],
    initial: StateSet(), unsafe: StateSet())
  #expect(problem.polynomialCertificateChange() == nil)
  let discrete = try SymbolicFixtures.problem(
    variables: ["x"], dynamics: ["x/2"], certificate: "x^2 - 1", domain: [Bounds(-1, 1)],
    initial: StateSet(), unsafe: StateSet(), time: .discrete)
  // B(x/2) − B(x) = x²/4 − x² = −3x²/4.
  let expected = Polynomial(variableCount: 1, terms: [.init(exponents: [2], coefficient: Rational(-3, 4))])
  #expect(discrete.polynomialCertificateChange() == expected)
}

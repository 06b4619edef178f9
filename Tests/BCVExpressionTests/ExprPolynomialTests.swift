import BCVExpression
import BCVNumerics
import BCVTestSupport
import Testing

/// Random polynomial expressions over three variables: sums, differences, products,
/// negations, small powers, divisions by nonzero constants, negative powers of constants.
private struct PolynomialExprGenerator {
  var rng: SeededGenerator

  mutating func constant() -> Rational {
    Rational(rng.nextInt(below: 19) - 9) / Rational(rng.nextInt(below: 4) + 1)
  }

  mutating func make(depth: Int) -> Expr {
    if depth == 0 || rng.nextInt(below: 4) == 0 {
      return rng.nextInt(below: 3) == 0 ? .constant(constant()) : .variable(rng.nextInt(below: 3))
    }
    let a = make(depth: depth - 1)
    switch rng.nextInt(below: 7) {
    case 0: return a + make(depth: depth - 1)
    case 1: return a - make(depth: depth - 1)
    case 2: return a * make(depth: depth - 1)
    case 3: return -a
    case 4: return Expr.raising(a, to: rng.nextInt(below: 4)) ?? a
    case 5:
      let c = constant()
      return c.isZero ? a : .quotient(a, .constant(c))
    default:
      return a * .power(.constant(Rational(2) + Rational(rng.nextInt(below: 3))), -(1 + rng.nextInt(below: 2)))
    }
  }
}

private func randomRationalPoint(_ count: Int, using g: inout SeededGenerator) -> [Rational] {
  (0..<count).map { _ in Rational(BigInt(g.nextInt(below: 2001) - 1000), BigInt(1 + g.nextInt(below: 97))) }
}

private let parser = ExprParser(variables: ["x", "y", "z"])

@Test("Expr.polynomial agrees with exact tape evaluation at random rational points")
func exprPolynomialAgreesWithExactTapeEvaluation() throws {
  var generator = PolynomialExprGenerator(rng: SeededGenerator(seed: propertyTestSeed))
  var points = SeededGenerator(seed: propertyTestSeed ^ 1)
  for _ in 0..<300 {
    let e = generator.make(depth: 4)
    let p = try #require(e.polynomial(variableCount: 3), "not converted: \(e.text(variableNames: ["x", "y", "z"]))")
    p._checkInvariants()
    let tape = Tape(compiling: [e], variableCount: 3)
    for _ in 0..<3 {
      let x = randomRationalPoint(3, using: &points)
      #expect(tape.evaluateExactly(at: x) == [p.evaluate(at: x)])
    }
  }
}

@Test("every expression the format calls polynomial converts")
func polynomialExpressionsConvert() throws {
  var generator = PolynomialExprGenerator(rng: SeededGenerator(seed: propertyTestSeed ^ 2))
  for _ in 0..<300 {
    let e = generator.make(depth: 4)
    if e.isPolynomial { #expect(e.polynomial(variableCount: 3) != nil) }
  }
}

@Test("expanded and factored forms give the same polynomial")
func expandedAndFactoredFormsAgree() throws {
  let pairs = [
    ("(x + 1)^2", "x^2 + 2*x + 1"),
    ("(x - y)*(x + y)", "x^2 - y^2"),
    ("x + x", "2*x"),
    ("(x/2 + y/3)*6", "3*x + 2*y"),
    ("x*2^-2", "x/4"),
    ("-(x - z)^3", "z^3 - 3*z^2*x + 3*z*x^2 - x^3"),
  ]
  for (a, b) in pairs {
    let p = try #require(try parser.parse(a).polynomial(variableCount: 3))
    let q = try #require(try parser.parse(b).polynomial(variableCount: 3))
    #expect(p == q, "\(a) vs \(b)")
  }
  let p = try #require(try parser.parse("3/4*x^2*y - y + 2").polynomial(variableCount: 3))
  #expect(p.description == "3/4*x0^2*x1 - x1 + 2")
}

@Test("non-polynomial expressions give nil")
func nonPolynomialExpressionsGiveNil() throws {
  for text in ["pi*x", "sin(x)", "x^0.5", "x^y", "1/x", "x^-2", "y/(x + 1)", "abs(x)", "exp(x - x)", "x/(y - y)"] {
    #expect(try parser.parse(text).polynomial(variableCount: 3) == nil, "\(text)")
  }
}

@Test("division by an expression that is constant in value converts")
func divisionByAConstantValuedExpressionConverts() throws {
  let e = Expr.quotient(.variable(0), .difference(.sum(.variable(1), .constant(2)), .variable(1)))
  let half = Polynomial(variableCount: 3, terms: [.init(exponents: [1, 0, 0], coefficient: Rational(1, 2))])
  #expect(e.polynomial(variableCount: 3) == half)
  let inverse = Expr.power(.difference(.sum(.variable(1), .constant(2)), .variable(1)), -2)
  #expect(inverse.polynomial(variableCount: 3) == Polynomial(constant: Rational(1, 4), variableCount: 3))
}

@Test("an expansion past the term limit gives nil instead of a huge polynomial")
func expansionPastTheTermLimitGivesNil() throws {
  let e = try parser.parse("(x + y + z + 1)^12")
  #expect(e.polynomial(variableCount: 3, maxTerms: 100) == nil)
  #expect(e.polynomial(variableCount: 3)?.terms.count == 455)
  let product = try parser.parse("(x + y + z + 1)^3 * (x - y + z - 2)^3")
  #expect(product.polynomial(variableCount: 3, maxTerms: 200) == nil)
  #expect(product.polynomial(variableCount: 3) != nil)
}

import BCVExpression
import BCVNumerics
import BCVTestSupport
import BCVValidation
import Testing

private func smallRational(using g: inout SeededGenerator) -> Rational {
  Rational(BigInt(g.nextInt(below: 21) - 10), BigInt(1 + g.nextInt(below: 5)))
}

/// Pᵀ·diag(d)·P for a random unit upper-triangular P, with rows and columns then permuted
/// at random: a sum of squares Σ d_i (p_i·x)², whose inertia is that of diag(d)
/// (Sylvester's law), so it is negative semidefinite iff every d_i ≤ 0.
private func congruentMatrix(diagonal d: [Rational], using g: inout SeededGenerator) -> [[Rational]] {
  let n = d.count
  var p = [[Rational]](repeating: [Rational](repeating: 0, count: n), count: n)
  for i in 0..<n {
    p[i][i] = 1
    for j in (i + 1)..<max(i + 1, n) { p[i][j] = smallRational(using: &g) }
  }
  var m = [[Rational]](repeating: [Rational](repeating: 0, count: n), count: n)
  for i in 0..<n {
    for j in 0..<n {
      var sum: Rational = 0
      for k in 0..<n { sum += p[k][i] * d[k] * p[k][j] }
      m[i][j] = sum
    }
  }
  var order = Array(0..<n)
  for i in stride(from: n - 1, to: 0, by: -1) { order.swapAt(i, g.nextInt(below: i + 1)) }
  return order.map { i in order.map { j in m[i][j] } }
}

@Test("Symbolic: LDLᵀ recognises random negative semidefinite sums of squares")
func ldltRecognisesNegativeSemidefiniteSumsOfSquares() {
  var g = SeededGenerator(seed: propertyTestSeed)
  for _ in 0..<200 {
    let n = 1 + g.nextInt(below: 5)
    // Non-positive weights, some zero: singular matrices exercise zero pivots.
    let d = (0..<n).map { _ in g.nextInt(below: 3) == 0 ? Rational(0) : -Rational(1 + g.nextInt(below: 9)) }
    let m = congruentMatrix(diagonal: d, using: &g)
    #expect(QuadraticFormCheck.isNegativeSemidefinite(m), "\(m)")
  }
}

@Test("Symbolic: LDLᵀ rejects random matrices with one positive direction")
func ldltRejectsMatricesWithAPositiveDirection() {
  var g = SeededGenerator(seed: propertyTestSeed ^ 5)
  for _ in 0..<200 {
    let n = 1 + g.nextInt(below: 5)
    var d = (0..<n).map { _ in g.nextInt(below: 3) == 0 ? Rational(0) : -Rational(1 + g.nextInt(below: 9)) }
    // The perturbation: one weight a tiny positive number.
    d[g.nextInt(below: n)] = Rational(1, 1_000_000)
    let m = congruentMatrix(diagonal: d, using: &g)
    #expect(!QuadraticFormCheck.isNegativeSemidefinite(m), "\(m)")
  }
}

@Test("Symbolic: LDLᵀ handles zero pivots")
func ldltHandlesZeroPivots() {
  #expect(!QuadraticFormCheck.isNegativeSemidefinite([[0, 1], [1, 0]]))
  #expect(QuadraticFormCheck.isNegativeSemidefinite([[0, 0], [0, -1]]))
  #expect(QuadraticFormCheck.isNegativeSemidefinite([[0, 0, 0], [0, -1, 1], [0, 1, -1]]))
  #expect(!QuadraticFormCheck.isNegativeSemidefinite([[-1, 1, 0], [1, -1, 1], [0, 1, 0]]))
  #expect(QuadraticFormCheck.isNegativeSemidefinite([]))
}

private let parser = ExprParser(variables: ["x1", "x2", "x3"])
private func poly(_ text: String) throws -> Polynomial {
  try #require(try parser.parse(text).polynomial(variableCount: 3))
}

@Test("Symbolic: the exact supremum of quadratics")
func exactSupremumOfQuadratics() throws {
  #expect(QuadraticFormCheck.supremum(of: try poly("-(x1 - x2)^2")) == 0)
  #expect(QuadraticFormCheck.supremum(of: try poly("-x1^2 + 2*x1")) == 1)
  #expect(QuadraticFormCheck.supremum(of: try poly("-x1^2 - x2^2 + x1*x2 - 3")) == -3)
  #expect(QuadraticFormCheck.supremum(of: try poly("-(x1 + x2 - 1)^2 - (x3 - 2)^2 + 1/2")) == Rational(1, 2))
  #expect(QuadraticFormCheck.supremum(of: try poly("-7")) == -7)
  for unbounded in ["x1^2", "x1*x2", "-x1^2 + x2", "x1", "-x1^2 - x2^2 + 3*x1*x2", "-x1^3"] {
    #expect(QuadraticFormCheck.supremum(of: try poly(unbounded)) == nil, "\(unbounded)")
  }
}

@Test("Symbolic: random concave quadratics stay below their supremum")
func randomConcaveQuadraticsStayBelowTheirSupremum() throws {
  var g = SeededGenerator(seed: propertyTestSeed ^ 7)
  for _ in 0..<100 {
    // p = −Σ a_k (l_k·x + c_k)² + e: bounded above, supremum ≤ e.
    let e = smallRational(using: &g)
    var p = Polynomial(constant: e, variableCount: 3)
    for _ in 0..<(1 + g.nextInt(below: 3)) {
      var l = Polynomial(constant: smallRational(using: &g), variableCount: 3)
      for i in 0..<3 { l += smallRational(using: &g) * Polynomial.variable(i, count: 3) }
      p -= Rational(1 + g.nextInt(below: 4)) * l * l
    }
    let sup = try #require(QuadraticFormCheck.supremum(of: p), "\(p)")
    #expect(sup <= e && sup >= p.evaluate(at: [0, 0, 0]))
    for _ in 0..<10 {
      let x = (0..<3).map { _ in smallRational(using: &g) }
      #expect(p.evaluate(at: x) <= sup)
    }
  }
}

@Test("Symbolic: global sign checks prove only what holds on all of R^n")
func globalSignChecks() throws {
  #expect(GlobalSignCheck.provesNonPositive(try poly("-x1^4 - 3*x1^2*x2^2"), strict: false))
  #expect(!GlobalSignCheck.provesNonPositive(try poly("-x1^4 - 3*x1^2*x2^2"), strict: true))
  #expect(GlobalSignCheck.provesNonPositive(try poly("-x1^4 - x2^6 - 1/1000"), strict: true))
  #expect(GlobalSignCheck.provesNonPositive(try poly("-(x1 - x2)^2"), strict: false))
  #expect(!GlobalSignCheck.provesNonPositive(try poly("-(x1 - x2)^2"), strict: true))
  #expect(GlobalSignCheck.provesNonPositive(try poly("-(x1 - x2)^2 - 1/10"), strict: true))
  #expect(!GlobalSignCheck.provesNonPositive(try poly("-x1^4 + x1^3"), strict: false))
  #expect(!GlobalSignCheck.provesNonPositive(try poly("-(x1 - x2)^2 + 1/1000000"), strict: false))
  #expect(!GlobalSignCheck.provesNonPositive(try poly("x1^2 - 1"), strict: false))
}

import BCVNumerics
import BCVTestSupport
import BCVValidation
import Testing

/// A random polynomial in `variables` variables: up to `maxTerms` terms of degree ≤ 3 in
/// each variable with small rational coefficients.
private func randomPolynomial(variables: Int, maxTerms: Int, using g: inout SeededGenerator) -> Polynomial {
  let terms = (0..<(1 + g.nextInt(below: maxTerms))).map { _ in
    Polynomial.Term(
      exponents: (0..<variables).map { _ in g.nextInt(below: 4) },
      coefficient: Rational(BigInt(g.nextInt(below: 41) - 20), BigInt(1 + g.nextInt(below: 8))))
  }
  return Polynomial(variableCount: variables, terms: terms)
}

/// A random rational box with sides of width 0 to 4 (sometimes exactly 0).
private func randomBox(_ n: Int, using g: inout SeededGenerator) -> [Bounds] {
  (0..<n).map { _ in
    let lower = Rational(BigInt(g.nextInt(below: 81) - 40), BigInt(1 + g.nextInt(below: 10)))
    let width = g.nextInt(below: 6) == 0
      ? Rational(0) : Rational(BigInt(1 + g.nextInt(below: 40)), BigInt(1 + g.nextInt(below: 10)))
    return Bounds(lower, lower + width)
  }
}

/// A random rational point of the box.
private func randomPoint(in box: [Bounds], using g: inout SeededGenerator) -> [Rational] {
  box.map { b in
    let u = Rational(BigInt(g.nextInt(below: 1001)), BigInt(1000))
    return b.lower + u * (b.upper - b.lower)
  }
}

@Test("Symbolic: the Bernstein range encloses the polynomial at random points of the box")
func bernsteinRangeEnclosesThePolynomial() {
  var g = SeededGenerator(seed: propertyTestSeed)
  for _ in 0..<200 {
    let n = 1 + g.nextInt(below: 3)
    let p = randomPolynomial(variables: n, maxTerms: 6, using: &g)
    let box = randomBox(n, using: &g)
    let expansion = BernsteinExpansion(p, over: box)
    #expect(expansion.coefficients.count == BernsteinExpansion.coefficientCount(of: p))
    #expect(expansion.minimum == expansion.coefficients.min() && expansion.maximum == expansion.coefficients.max())
    #expect(expansion.minimumSign == expansion.minimum.signum() && expansion.maximumSign == expansion.maximum.signum())
    for _ in 0..<10 {
      let value = p.evaluate(at: randomPoint(in: box, using: &g))
      #expect(expansion.minimum <= value && value <= expansion.maximum, "\(p) on \(box)")
    }
  }
}

@Test("Symbolic: the corner coefficients equal the polynomial's values at the corners")
func bernsteinCornerCoefficientsEqualCornerValues() {
  var g = SeededGenerator(seed: propertyTestSeed ^ 3)
  for _ in 0..<200 {
    let n = 1 + g.nextInt(below: 3)
    let p = randomPolynomial(variables: n, maxTerms: 6, using: &g)
    let box = randomBox(n, using: &g)
    let expansion = BernsteinExpansion(p, over: box)
    for mask in 0..<(1 << n) {
      let atUpper = (0..<n).map { mask & (1 << $0) != 0 }
      let corner = (0..<n).map { atUpper[$0] ? box[$0].upper : box[$0].lower }
      #expect(expansion.cornerValue(atUpper: atUpper) == p.evaluate(at: corner))
      #expect(expansion.cornerSign(atUpper: atUpper) == p.evaluate(at: corner).signum())
      let index = (0..<n).map { atUpper[$0] ? expansion.degrees[$0] : 0 }
      #expect(expansion.coefficient(at: index) == p.evaluate(at: corner))
    }
  }
}

@Test("Symbolic: Bernstein coefficients of known polynomials")
func bernsteinCoefficientsOfKnownPolynomials() {
  // x² on [−1, 1]: t ↦ (2t − 1)² has Bernstein coefficients 1, −1, 1.
  let square = Polynomial(variableCount: 1, terms: [.init(exponents: [2], coefficient: 1)])
  let e = BernsteinExpansion(square, over: [Bounds(-1, 1)])
  #expect(e.coefficients == [1, -1, 1])
  #expect(e.minimum == -1 && e.maximum == 1)
  // On [0, 1] the enclosure is exact: 0, 0, 1.
  #expect(BernsteinExpansion(square, over: [Bounds(0, 1)]).coefficients == [0, 0, 1])
  // x0·x1 on [0, 2] × [1, 3]: the bilinear coefficients are the corner values.
  let product = Polynomial(variableCount: 2, terms: [.init(exponents: [1, 1], coefficient: 1)])
  let p = BernsteinExpansion(product, over: [Bounds(0, 2), Bounds(1, 3)])
  #expect(p.degrees == [1, 1] && p.coefficients == [0, 0, 2, 6])
  // A constant has one coefficient; a side of zero width makes p constant along it.
  let five = Polynomial(constant: 5, variableCount: 2)
  #expect(BernsteinExpansion(five, over: [Bounds(0, 1), Bounds(2, 3)]).coefficients == [5])
  #expect(BernsteinExpansion(square, over: [Bounds(3, 3)]).coefficients == [9, 9, 9])
}

@Test("Symbolic: the enclosure's overestimation shrinks quadratically with the box")
func bernsteinOverestimationShrinksQuadratically() {
  // x² on [−w, w] has range [0, w²]; the coefficients w², −w², w² miss the lower end by w².
  let square = Polynomial(variableCount: 1, terms: [.init(exponents: [2], coefficient: 1)])
  for k in 0...6 {
    let w = Rational(1, BigInt(1) << k)
    let e = BernsteinExpansion(square, over: [Bounds(-w, w)])
    #expect(e.minimum == -(w * w) && e.maximum == w * w)
    // Split at the tangency, each half is exact: [w², 0, 0] and [0, 0, w²].
    #expect(BernsteinExpansion(square, over: [Bounds(-w, 0)]).coefficients == [w * w, 0, 0])
    #expect(BernsteinExpansion(square, over: [Bounds(0, w)]).minimum == 0)
  }
}

@Test("the outward-rounded Bernstein coefficients enclose the exact ones")
func roundedBernsteinCoefficientsEncloseTheExactOnes() throws {
  var rng = SeededGenerator(seed: propertyTestSeed, stream: 43)
  for _ in 0..<150 {
    let n = 1 + rng.nextInt(below: 3)
    let terms = (0..<(1 + rng.nextInt(below: 5))).map { _ in
      Polynomial.Term(exponents: (0..<n).map { _ in rng.nextInt(below: 5) },
                      coefficient: Rational(BigInt(rng.nextInt(below: 2001) - 1000), BigInt(1 + rng.nextInt(below: 30))))
    }
    let p = Polynomial(variableCount: n, terms: terms)
    let lower = (0..<n).map { _ in rng.nextDouble(in: -50, 50) }
    let upper = lower.map { $0 + rng.nextDouble(in: 0, 4) }
    let rounded = try #require(BernsteinEnclosure(p, maxCoefficients: 4096)).coefficients(lower: lower, upper: upper)
    let exact = BernsteinExpansion(p, over: zip(lower, upper).map {
      Bounds(Rational(exactly: $0)!, Rational(exactly: $1)!)
    }).coefficients
    #expect(rounded.count == exact.count)
    for (r, e) in zip(rounded, exact) {
      #expect(Rational(exactly: r.lower)! <= e && e <= Rational(exactly: r.upper)!, "\(r) vs \(e)")
    }
  }
}

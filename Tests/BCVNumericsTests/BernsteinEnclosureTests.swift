import BCVNumerics
import BCVTestSupport
import Foundation
import Testing

/// Random polynomials and boxes for the Bernstein enclosure's property tests: degrees up
/// to 5 per variable, coefficients with non-dyadic denominators (so they must be
/// enclosed), and boxes around 0, far from 0, very narrow and of tiny magnitude.
private struct BernsteinSampler {
  var rng: SeededGenerator

  init(stream: UInt64) { rng = SeededGenerator(seed: propertyTestSeed, stream: stream) }

  mutating func polynomial(variables n: Int) -> Polynomial {
    let terms = (0..<(1 + rng.nextInt(below: 6))).map { _ in
      Polynomial.Term(exponents: (0..<n).map { _ in rng.nextInt(below: 6) },
                      coefficient: randomRational(bits: 16, using: &rng))
    }
    return Polynomial(variableCount: n, terms: terms)
  }

  mutating func side() -> (Double, Double) {
    switch rng.nextInt(below: 5) {
    case 0: return (-rng.nextDouble(in: 0, 3), rng.nextDouble(in: 0, 3))
    case 1:
      let c = rng.nextDouble(in: -1000, 1000)
      return (c, c + rng.nextDouble(in: 0, 10))
    case 2:
      let c = rng.nextDouble(in: -4, 4)
      return (c, c + 0x1p-40 * (1 + rng.nextUnit()))
    case 3:
      let c = rng.nextDouble(in: -1, 1) * 0x1p-100
      return (c, c + 0x1p-100)
    default:
      let c = rng.nextDouble(in: -2, 2)
      return (c, c)
    }
  }

  /// A point of the box: a corner or a uniform interior point.
  mutating func point(lower: [Double], upper: [Double]) -> [Double] {
    zip(lower, upper).map { lo, hi in
      switch rng.nextInt(below: 3) {
      case 0: return lo
      case 1: return hi
      default: return min(max(lo + (hi - lo) * rng.nextUnit(), lo), hi)
      }
    }
  }
}

private func contains(_ x: Interval, _ value: Rational) -> Bool {
  let belowUpper = x.upper == .infinity || Rational(exactly: x.upper).map { value <= $0 } == true
  let aboveLower = x.lower == -.infinity || Rational(exactly: x.lower).map { $0 <= value } == true
  return belowUpper && aboveLower
}

@Test("the Bernstein range encloses the exact value at random points of random boxes")
func bernsteinRangeEnclosesExactValues() throws {
  var sampler = BernsteinSampler(stream: 41)
  for _ in 0..<300 {
    let n = 1 + sampler.rng.nextInt(below: 3)
    let p = sampler.polynomial(variables: n)
    let enclosure = try #require(BernsteinEnclosure(p, maxCoefficients: 4096))
    var work = BernsteinEnclosure.Workspace(for: enclosure)
    let sides = (0..<n).map { _ in sampler.side() }
    let lower = sides.map(\.0), upper = sides.map(\.1)
    let range = enclosure.range(lower: lower, upper: upper, in: &work)
    #expect(!range.enclosure.isPossiblyUndefined)
    #expect(range.greatestLower >= range.enclosure.lower && range.greatestLower <= range.enclosure.upper)
    for _ in 0..<8 {
      let x = sampler.point(lower: lower, upper: upper)
      let value = p.evaluate(at: x.map { Rational(exactly: $0)! })
      #expect(contains(range.enclosure, value), "p = \(p) at \(x) over \(sides): \(range.enclosure)")
    }
  }
}

@Test("corner coefficients enclose the polynomial's exact values at the corners")
func cornerCoefficientsEncloseCornerValues() throws {
  var sampler = BernsteinSampler(stream: 42)
  for _ in 0..<200 {
    let n = 1 + sampler.rng.nextInt(below: 3)
    let p = sampler.polynomial(variables: n)
    let enclosure = try #require(BernsteinEnclosure(p, maxCoefficients: 4096))
    let sides = (0..<n).map { _ in sampler.side() }
    let lower = sides.map(\.0), upper = sides.map(\.1)
    let coefficients = enclosure.coefficients(lower: lower, upper: upper)
    #expect(coefficients.count == enclosure.coefficientCount)
    for mask in 0..<(1 << n) {
      var index = 0, step = 1
      var corner: [Rational] = Array(repeating: 0, count: n)
      for i in stride(from: n - 1, through: 0, by: -1) {
        let atUpper = mask & (1 << i) != 0
        if atUpper { index += enclosure.degrees[i] * step }
        corner[i] = Rational(exactly: atUpper ? upper[i] : lower[i])!
        step *= enclosure.degrees[i] + 1
      }
      #expect(contains(coefficients[index], p.evaluate(at: corner)))
    }
  }
}

@Test("cancellations are exact: the zero polynomial encloses to exactly zero")
func theZeroPolynomialEnclosesToZero() throws {
  let zero = Polynomial.zero(variableCount: 2)
  let enclosure = try #require(BernsteinEnclosure(zero, maxCoefficients: 16))
  var work = BernsteinEnclosure.Workspace(for: enclosure)
  let range = enclosure.range(lower: [-3.7, 100.1], upper: [2.9, 1e6], in: &work)
  #expect(range.enclosure == Interval(0))
}

@Test("x² over [−1, 1] has the Bernstein coefficients 1, −1, 1")
func knownCoefficientsOfASquare() throws {
  let square = Polynomial(variableCount: 1, terms: [.init(exponents: [2], coefficient: 1)])
  let enclosure = try #require(BernsteinEnclosure(square, maxCoefficients: 16))
  #expect(enclosure.coefficients(lower: [-1], upper: [1]) == [Interval(1), Interval(-1), Interval(1)])
}

@Test("expansions larger than the limit are refused")
func expansionsAboveTheLimitAreRefused() {
  let p = Polynomial(variableCount: 3, terms: [.init(exponents: [3, 3, 3], coefficient: 1)])
  #expect(BernsteinEnclosure(p, maxCoefficients: 63) == nil)
  #expect(BernsteinEnclosure(p, maxCoefficients: 64)?.coefficientCount == 64)
}

@Test("the enclosure tightens as the box shrinks around a point")
func theEnclosureTightensOnSmallerBoxes() throws {
  // p = x·y − x² on boxes of width h around (0.3, 0.7): the range's width is O(h).
  let p = Polynomial(variableCount: 2, terms: [.init(exponents: [1, 1], coefficient: 1),
                                               .init(exponents: [2, 0], coefficient: -1)])
  let enclosure = try #require(BernsteinEnclosure(p, maxCoefficients: 16))
  var work = BernsteinEnclosure.Workspace(for: enclosure)
  var previous = Double.infinity
  for k in 1...20 {
    let h = pow(2.0, -Double(k))
    let range = enclosure.range(lower: [0.3, 0.7], upper: [0.3 + h, 0.7 + h], in: &work)
    #expect(range.enclosure.width < previous)
    #expect(range.enclosure.width <= 2 * h)
    previous = range.enclosure.width
  }
}

import BCVNumerics
import BCVTestSupport
import Testing

/// A random rational whose numerator and denominator have up to `bits` bits.
func randomRational(bits: Int, using generator: inout SeededGenerator) -> Rational {
  let numerator = randomBigInt(bits: 1 + generator.nextInt(below: bits), using: &generator)
  var denominator = randomBigInt(bits: 1 + generator.nextInt(below: bits), using: &generator)
  if denominator.isZero { denominator = 1 }
  return Rational(numerator, denominator)
}

/// A random double drawn from all bit patterns: subnormals, huge values, NaNs and infinities.
private func randomDoubleBits(using generator: inout SeededGenerator) -> Double {
  Double(bitPattern: generator.next())
}

@Test("rationals are reduced with a positive denominator")
func rationalsAreReducedWithAPositiveDenominator() {
  var g = SeededGenerator(seed: propertyTestSeed)
  for _ in 0..<300 {
    let r = randomRational(bits: 150, using: &g)
    r._checkInvariants()
    var k = randomBigInt(bits: 1 + g.nextInt(below: 100), using: &g)
    if k.isZero { k = -1 }
    let scaled = Rational(r.numerator * k, r.denominator * k)
    scaled._checkInvariants()
    #expect(scaled == r)
    #expect(scaled.hashValue == r.hashValue)
  }
  let r = Rational(BigInt(6), BigInt(-4))
  #expect(r.numerator == -3 && r.denominator == 2)
  #expect(Rational(BigInt(0), BigInt(-7)).denominator == 1)
}

@Test("field identities hold and order agrees with subtraction")
func fieldIdentitiesHoldAndOrderAgreesWithSubtraction() {
  var g = SeededGenerator(seed: propertyTestSeed)
  for _ in 0..<300 {
    let a = randomRational(bits: 100, using: &g)
    let b = randomRational(bits: 100, using: &g)
    let c = randomRational(bits: 100, using: &g)
    let sum = a + b, product = a * b
    sum._checkInvariants()
    product._checkInvariants()
    #expect(sum - b == a)
    #expect(sum == b + a && product == b * a)
    #expect(a * (b + c) == a * b + a * c)
    #expect((a + b) + c == a + (b + c))
    #expect(a + (-a) == 0 && (a - a).isZero)
    if !b.isZero {
      let quotient = a / b
      quotient._checkInvariants()
      #expect(quotient * b == a)
      #expect(b * b.reciprocal == 1)
    }
    #expect((a < b) == ((b - a).signum() > 0))
    #expect(a.power(3) == a * a * a)
    #expect(a.floor() <= a.numerator / a.denominator)
    #expect(Rational(a.floor()) <= a && a < Rational(a.floor() + 1))
    #expect(Rational(a.ceiling()) >= a && a > Rational(a.ceiling() - 1))
  }
}

@Test("powers, integers and descriptions of small rationals are right")
func powersIntegersAndDescriptionsOfSmallRationalsAreRight() {
  let twoThirds = Rational(BigInt(2), BigInt(3))
  #expect(twoThirds.power(-2) == Rational(BigInt(9), BigInt(4)))
  #expect((-twoThirds).power(-3) == Rational(BigInt(-27), BigInt(8)))
  #expect(Rational(0).power(0) == 1)
  #expect(Rational(BigInt(3), BigInt(4)).description == "3/4")
  #expect(Rational(BigInt(-3), BigInt(4)).description == "-3/4")
  #expect(Rational(-2).description == "-2" && Rational(0).description == "0")
  #expect(Rational(BigInt(8), BigInt(4)).isInteger && !twoThirds.isInteger)
  #expect(Rational(BigInt(-1), BigInt(2)).floor() == -1 && Rational(BigInt(7), BigInt(2)).floor() == 3)
  #expect(Rational(-4).floor() == -4 && Rational(BigInt(-1), BigInt(2)).ceiling() == 0)
}

@Test("decimal literals are parsed exactly and malformed ones rejected")
func decimalLiteralsAreParsedExactlyAndMalformedOnesRejected() {
  let cases: [(String, Rational)] = [
    ("0.1", Rational(BigInt(1), BigInt(10))),
    ("1.5e-3", Rational(BigInt(3), BigInt(2000))),
    (".5", Rational(BigInt(1), BigInt(2))),
    ("5.", 5),
    ("12", 12),
    ("0", 0),
    ("007.250", Rational(BigInt(29), BigInt(4))),
    ("2E+3", 2000),
    ("2e3", 2000),
    ("1e-2", Rational(BigInt(1), BigInt(100))),
    ("1e10000", Rational(BigInt(10).power(10_000))),
    ("1e00005", 100_000),
  ]
  for (text, expected) in cases {
    let parsed = Rational.parseDecimal(text)
    parsed?._checkInvariants()
    #expect(parsed == expected, "\(text)")
  }
  let rejected = [
    "", ".", "e5", ".e5", "1e", "1e+", "1e99999", "1e-10001", "1e999999999999999999999", "abc",
    "1.2.3", "-1", "+1", " 1", "1 ", "1e5.0", "0x10", "1_000", "١",
  ]
  for text in rejected {
    #expect(Rational.parseDecimal(text) == nil, "\(text)")
  }
}

@Test("every finite double converts exactly and back")
func everyFiniteDoubleConvertsExactlyAndBack() {
  var g = SeededGenerator(seed: propertyTestSeed)
  var samples: [Double] = [
    0, -0.0, 1, -1, 0.1, .leastNonzeroMagnitude, -.leastNonzeroMagnitude, .leastNormalMagnitude,
    .greatestFiniteMagnitude, -.greatestFiniteMagnitude, 0x1p-1022 - 0x1p-1074,
  ]
  for _ in 0..<500 { samples.append(randomDoubleBits(using: &g)) }
  for d in samples {
    guard let r = Rational(exactly: d) else {
      #expect(!d.isFinite)
      continue
    }
    r._checkInvariants()
    #expect(r.doubleValue == d)
    #expect(r.doubleEnclosure == (d, d))
  }
  #expect(Rational(exactly: .nan) == nil && Rational(exactly: -.infinity) == nil)
  #expect(Rational(exactly: 0.375) == Rational(BigInt(3), BigInt(8)))
  #expect(Rational(exactly: 0x1p-1074) == Rational(BigInt(1), BigInt(1) << 1074))
}

/// Checks that the enclosure of r holds it tightly and that doubleValue is its nearest double.
private func expectCorrectRounding(of r: Rational) {
  let (lower, upper) = r.doubleEnclosure
  #expect(lower <= upper)
  if lower.isFinite { #expect(Rational(exactly: lower)! <= r) }
  if upper.isFinite { #expect(r <= Rational(exactly: upper)!) }
  let nearest = r.doubleValue
  if lower == upper {
    #expect(Rational(exactly: lower) == r)
    #expect(nearest == lower)
    return
  }
  #expect(upper == lower.nextUp)
  #expect(lower.nextUp > lower && (!lower.nextUp.isFinite || Rational(exactly: lower.nextUp)! > r))
  #expect(nearest == lower || nearest == upper)
  guard lower.isFinite && upper.isFinite else { return }
  let below = r - Rational(exactly: lower)!, above = Rational(exactly: upper)! - r
  if below < above { #expect(nearest == lower) }
  if above < below { #expect(nearest == upper) }
  if below == above { #expect(nearest.significandBitPattern & 1 == 0) }
}

@Test("double enclosures are tight and doubleValue is correctly rounded")
func doubleEnclosuresAreTightAndDoubleValueIsCorrectlyRounded() {
  var g = SeededGenerator(seed: propertyTestSeed)
  for _ in 0..<300 {
    expectCorrectRounding(of: randomRational(bits: 200, using: &g))
    // Decimal constants across the whole exponent range, subnormals and overflow included.
    let digits = String(g.nextInt(below: 1_000_000_000)) + "." + String(g.nextInt(below: 1000))
    let text = digits + "e" + String(g.nextInt(below: 680) - 340)
    expectCorrectRounding(of: Rational.parseDecimal(text)!)
    let tiny = Rational(exactly: randomDoubleBits(using: &g).magnitude) ?? 1
    expectCorrectRounding(of: tiny / 3)
    let i = randomInt64(using: &g)
    #expect(Rational(Int(i)).doubleValue == Double(i))
  }
  let tenth = Rational.parseDecimal("0.1")!
  #expect(tenth.doubleEnclosure == (0.1.nextDown, 0.1))
  #expect(tenth.doubleValue == 0.1)
  #expect((-tenth).doubleEnclosure == (-0.1, -(0.1.nextDown)))
}

@Test("rounding at ties, underflow and overflow follows IEEE 754")
func roundingAtTiesUnderflowAndOverflowFollowsIEEE754() {
  let one = BigInt(1)
  #expect(Rational((one << 53) + 1).doubleValue == 0x1p53)
  #expect(Rational((one << 53) + 3).doubleValue == 0x1p53 + 4)
  #expect(Rational(one, one << 1075).doubleValue == 0)
  #expect(Rational(BigInt(3), one << 1075).doubleValue == 0x1p-1073)
  #expect(Rational(one, one << 1075).doubleEnclosure == (0, 0x1p-1074))
  #expect(Rational(BigInt(-1), one << 1075).doubleEnclosure == (-0x1p-1074, 0))
  #expect(Rational(one, one << 20000).doubleEnclosure == (0, 0x1p-1074))
  #expect(Rational(one << 1024).doubleValue == .infinity)
  #expect(Rational(one << 1024).doubleEnclosure == (.greatestFiniteMagnitude, .infinity))
  #expect(Rational(-(one << 1024)).doubleEnclosure == (-.infinity, -.greatestFiniteMagnitude))
  let maxFinite = Rational(exactly: .greatestFiniteMagnitude)!
  let halfUlp = Rational(one << 970)
  #expect((maxFinite + halfUlp).doubleValue == .infinity)
  #expect((maxFinite + halfUlp - Rational(BigInt(1), BigInt(3))).doubleValue == .greatestFiniteMagnitude)
  #expect((maxFinite + halfUlp).doubleEnclosure == (.greatestFiniteMagnitude, .infinity))
}

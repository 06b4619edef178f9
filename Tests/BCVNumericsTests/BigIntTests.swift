import BCVNumerics
import BCVTestSupport
import Testing

/// A random integer of up to `bits` bits with a random sign. Its limbs are often drawn from
/// the values that stress carries and Knuth's quotient estimate (0, 1, 2^63, 2^64 − 1).
func randomBigInt(bits: Int, using generator: inout SeededGenerator) -> BigInt {
  let limbCount = max(1, (bits + 63) / 64)
  var value: BigInt = 0
  for _ in 0..<limbCount {
    let special: [UInt64] = [0, 1, 1 << 63, UInt64.max, UInt64.max - 1]
    let limb = generator.nextInt(below: 4) == 0
      ? special[generator.nextInt(below: special.count)] : generator.next()
    value = (value << 64) + BigInt(limb)
  }
  value = value >> (limbCount * 64 - bits)
  return generator.nextInt(below: 2) == 0 ? value : -value
}

/// A random Int64 that is an edge value one time in four.
func randomInt64(using generator: inout SeededGenerator) -> Int64 {
  let edges: [Int64] = [.min, .min + 1, -1, 0, 1, .max - 1, .max]
  if generator.nextInt(below: 4) == 0 { return edges[generator.nextInt(below: edges.count)] }
  let bits = UInt64(generator.nextInt(below: 64))
  return Int64(truncatingIfNeeded: generator.next()) >> bits
}

@Test("Int values round-trip at the edges of Int") func intConversionRoundTripsAtTheEdges() {
  for v in [Int.min, Int.min + 1, -1, 0, 1, Int.max - 1, Int.max] {
    let b = BigInt(v)
    b._checkInvariants()
    #expect(b.asInt == v)
    #expect(b.description == String(v))
    #expect(b.signum() == v.signum())
  }
  #expect((BigInt(Int.max) + 1).asInt == nil)
  #expect((BigInt(Int.min) - 1).asInt == nil)
  #expect((-BigInt(Int.min)).description == "9223372036854775808")
  #expect(BigInt(0).isZero && (-BigInt(0)).signum() == 0)
}

@Test("addition, subtraction and multiplication agree with Int64 where it is exact") func additionSubtractionAndMultiplicationAgreeWithInt64WhereExact() {
  var g = SeededGenerator(seed: propertyTestSeed)
  for _ in 0..<500 {
    let a = randomInt64(using: &g), b = randomInt64(using: &g)
    let (ba, bb) = (BigInt(Int(a)), BigInt(Int(b)))
    let sum = ba + bb, difference = ba - bb, product = ba * bb
    for r in [sum, difference, product] { r._checkInvariants() }
    let (s, so) = a.addingReportingOverflow(b)
    if !so { #expect(sum.asInt == Int(s)) }
    let (d, dOverflow) = a.subtractingReportingOverflow(b)
    if !dOverflow { #expect(difference.asInt == Int(d)) }
    let (p, po) = a.multipliedReportingOverflow(by: b)
    if !po { #expect(product.asInt == Int(p)) }
    let wide = a.multipliedFullWidth(by: b)
    #expect(product == (BigInt(Int(wide.high)) << 64) + BigInt(wide.low))
    #expect((ba < bb) == (a < b))
    #expect((ba == bb) == (a == b))
  }
}

@Test("division truncates toward zero like Int") func divisionTruncatesTowardZeroLikeInt() {
  var g = SeededGenerator(seed: propertyTestSeed)
  for _ in 0..<500 {
    let a = randomInt64(using: &g), b = randomInt64(using: &g)
    if b == 0 || (a == .min && b == -1) { continue }
    let (q, r) = BigInt(Int(a)).quotientAndRemainder(dividingBy: BigInt(Int(b)))
    q._checkInvariants()
    r._checkInvariants()
    #expect(q.asInt == Int(a / b))
    #expect(r.asInt == Int(a % b))
  }
  #expect((BigInt(Int.min) / -1).description == "9223372036854775808")
  #expect(BigInt(-7) / 2 == -3 && BigInt(-7) % 2 == -1 && BigInt(7) % -2 == 1)
}

@Test("shifts match Int arithmetic shifts and multiplication by powers of two") func shiftsMatchIntArithmeticShifts() {
  var g = SeededGenerator(seed: propertyTestSeed)
  for _ in 0..<500 {
    let a = randomInt64(using: &g)
    let k = g.nextInt(below: 70)
    let right = BigInt(Int(a)) >> k
    right._checkInvariants()
    #expect(right.asInt == Int(a >> Int64(k)))
    let left = BigInt(Int(a)) << k
    #expect(left == BigInt(Int(a)) * BigInt(2).power(k))
    #expect(BigInt(Int(a)) << -k == right)
  }
}

@Test("ring and division identities hold for values beyond 2^200") func bigValueIdentitiesHoldBeyondTwoToThe200() {
  var g = SeededGenerator(seed: propertyTestSeed)
  for _ in 0..<300 {
    let a = randomBigInt(bits: 200 + g.nextInt(below: 400), using: &g)
    var b = randomBigInt(bits: 1 + g.nextInt(below: 400), using: &g)
    if b.isZero { b = 1 }
    let product = a * b
    product._checkInvariants()
    #expect(product / b == a)
    #expect(product % b == 0)
    #expect((a + b) - b == a)
    #expect(a - a == 0)
    #expect(a + (-a) == 0)

    let (q, r) = a.quotientAndRemainder(dividingBy: b)
    q._checkInvariants()
    r._checkInvariants()
    #expect(q * b + r == a)
    #expect(r.magnitude < b.magnitude)
    #expect(r.isZero || r.signum() == a.signum())

    let d = BigInt.gcd(a, b)
    d._checkInvariants()
    #expect(d.signum() == 1)
    #expect(a % d == 0 && b % d == 0)
    #expect(BigInt.gcd(a / d, b / d) == 1)

    #expect(BigInt(a.description) == a)
    let k = g.nextInt(below: 300)
    #expect(a << k == a * BigInt(2).power(k))
    let floorQuotient = a.quotientAndRemainder(dividingBy: BigInt(2).power(k))
    let expected = floorQuotient.remainder.signum() < 0 ? floorQuotient.quotient - 1 : floorQuotient.quotient
    #expect(a >> k == expected)
    let length = a.bitLength
    #expect(BigInt(2).power(length - 1) <= a.magnitude && a.magnitude < BigInt(2).power(length))
  }
}

@Test("division takes Knuth's add-back step correctly") func divisionTakesTheAddBackStepCorrectly() {
  // Dividends and divisors (with quotient and remainder from an independent implementation)
  // for which the estimated quotient digit is one too large after refinement.
  let cases = [
    ("115792089237316195417293883273301227089894848280551535258989388613019884970563",
     "6277101735386680763495507056286727952671591903406728472293",
     "18446744073709551615", "6277101735386680763354592099024906704714977954248904067368"),
    ("115792089237316195411016781537914546325598405819225231207282910320436294349805",
     "6277101735386680763495507056286727952620534092958556749825",
     "18446744073709551614", "6277101735386680763495507056286727952613677806262371382255"),
    ("115792089237316195411016781537914546325938688186146169670751939233949958407395",
     "6277101735386680763495507056286727952655559374848086331782",
     "18446744073709551614", "6277101735386680763189687012081980114063728544336700811247"),
  ]
  for (n, d, q, r) in cases {
    let result = BigInt(n)!.quotientAndRemainder(dividingBy: BigInt(d)!)
    #expect(result.quotient == BigInt(q)! && result.remainder == BigInt(r)!)
    let negated = (-BigInt(n)!).quotientAndRemainder(dividingBy: BigInt(d)!)
    #expect(negated.quotient == -BigInt(q)! && negated.remainder == -BigInt(r)!)
  }
}

@Test("decimal text is parsed and printed exactly") func decimalTextIsParsedAndPrintedExactly() {
  #expect(BigInt(2).power(64).description == "18446744073709551616")
  #expect(BigInt(10).power(38).description == "1" + String(repeating: "0", count: 38))
  #expect((-BigInt(10).power(40)).description == "-1" + String(repeating: "0", count: 40))
  #expect(BigInt("-0") == 0 && BigInt("+17") == 17 && BigInt("000123") == 123)
  #expect(BigInt("123456789012345678901234567890")! % BigInt(10).power(19) == BigInt("2345678901234567890")!)
  for bad in ["", "-", "+", "1a", " 1", "--1", "1.0", "٣"] {
    #expect(BigInt(bad) == nil)
  }
}

@Test("powers and gcds of small values are right") func powersAndGcdOfSmallValuesAreRight() {
  #expect(BigInt(3).power(0) == 1 && BigInt(0).power(0) == 1)
  #expect(BigInt(-2).power(63) == BigInt(Int.min))
  #expect(BigInt(3).power(40).description == "12157665459056928801")
  #expect(BigInt.gcd(0, 0) == 0 && BigInt.gcd(-12, 0) == 12 && BigInt.gcd(-12, 18) == 6)
  #expect(BigInt.gcd(BigInt(2).power(300), BigInt(6).power(100)) == BigInt(2).power(100))
}

@Test("conversion to Double rounds to nearest with ties to even") func doubleConversionRoundsToNearestWithTiesToEven() {
  let two53 = BigInt(1) << 53
  #expect(Double(two53 + 1) == 0x1p53)
  #expect(Double(two53 + 3) == 0x1p53 + 4)
  #expect(Double((two53 + 1) << 100) == 0x1p153)
  #expect(Double(((two53 + 1) << 100) + 1) == (0x1p53 + 2) * 0x1p100)
  #expect(Double(-(((two53 + 3) << 100) - 1)) == -(0x1p53 + 2) * 0x1p100)
  let maxFinite = BigInt(exactly: Double.greatestFiniteMagnitude)!
  let halfUlp = BigInt(1) << 970
  #expect(Double(maxFinite + halfUlp - 1) == .greatestFiniteMagnitude)
  #expect(Double(maxFinite + halfUlp) == .infinity)
  #expect(Double(-(BigInt(1) << 5000)) == -.infinity)
  #expect(BigInt(exactly: 0.5) == nil && BigInt(exactly: .nan) == nil && BigInt(exactly: .infinity) == nil)
  #expect(BigInt(exactly: -0.0) == 0)
  #expect(BigInt(exactly: 0x1p80) == BigInt(1) << 80)
}

@Test("conversion to Double is correctly rounded and integral doubles round-trip") func doubleConversionIsCorrectlyRoundedAndRoundTrips() {
  var g = SeededGenerator(seed: propertyTestSeed)
  for _ in 0..<300 {
    let x = randomBigInt(bits: 1 + g.nextInt(below: 300), using: &g)
    let d = Double(x)
    let nearest = BigInt(exactly: d)!
    let error = (x - nearest).magnitude
    // An inexact x exceeds 2^53 in magnitude, where the neighbouring doubles are integers.
    for neighbour in [d.nextUp, d.nextDown] where !error.isZero {
      let other = (x - BigInt(exactly: neighbour)!).magnitude
      #expect(error < other || (error == other && d.significandBitPattern & 1 == 0))
    }
    let i = randomInt64(using: &g)
    #expect(Double(BigInt(Int(i))) == Double(i))
    let integral = Double(sign: .plus, exponent: g.nextInt(below: 1000), significand: 1 + g.nextUnit()).rounded()
    #expect(Double(BigInt(exactly: integral)!) == integral)
    #expect(Double(BigInt(exactly: -integral)!) == -integral)
  }
}

import BCVNumerics
import BCVTestSupport
import Testing
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Random intervals and points for the interval property tests, from a fixed seed.
///
/// Shapes: ordinary, straddling 0, tiny (~1e-300 and subnormal), huge (~1e300), points,
/// one or both endpoints infinite, strictly positive, strictly negative, and endpoints of
/// wildly different magnitudes.
struct IntervalSampler {
  var rng: SeededGenerator

  init(stream: UInt64) { rng = SeededGenerator(seed: propertyTestSeed, stream: stream) }

  /// A double `m·2^e` with `m` uniform in [1, 2) and `e` uniform in `exponents`.
  mutating func scaled(_ exponents: ClosedRange<Int>) -> Double {
    let e = exponents.lowerBound + rng.nextInt(below: exponents.count)
    return (1 + rng.nextUnit()) * pow(2.0, Double(e))
  }

  mutating func signed(_ v: Double) -> Double { rng.nextInt(below: 2) == 0 ? v : -v }

  mutating func ordered(_ a: Double, _ b: Double) -> Interval { Interval(min(a, b), max(a, b)) }

  mutating func interval() -> Interval {
    switch rng.nextInt(below: 10) {
    case 0: return ordered(rng.nextDouble(in: -10, 10), rng.nextDouble(in: -10, 10))
    case 1:
      let s = scaled(-20...20)
      return Interval(-s * rng.nextUnit(), s * rng.nextUnit())
    case 2: return ordered(signed(scaled(-1074 ... -990)), signed(scaled(-1074 ... -990)))
    case 3: return ordered(signed(scaled(990...1023)), signed(scaled(990...1023)))
    case 4: return Interval(signed(scaled(-60...60)))
    case 5:
      switch rng.nextInt(below: 3) {
      case 0: return Interval(-.infinity, signed(scaled(-10...10)))
      case 1: return Interval(signed(scaled(-10...10)), .infinity)
      default: return .entire
      }
    case 6: return ordered(scaled(-30...30), scaled(-30...30))
    case 7: return ordered(-scaled(-30...30), -scaled(-30...30))
    case 8: return ordered(signed(scaled(-1074...1023)), signed(scaled(-1074...1023)))
    default:
      let m = rng.nextDouble(in: -4, 4)
      return Interval(m, m + scaled(-52 ... -40))
    }
  }

  /// A positive interval (for log, sqrt and real powers).
  mutating func positiveInterval() -> Interval {
    switch rng.nextInt(below: 4) {
    case 0: return ordered(scaled(-1074...1023), scaled(-1074...1023))
    case 1: return Interval(scaled(-1074...1023))
    case 2: return Interval(scaled(-40...40), .infinity)
    default: return ordered(scaled(-20...20), scaled(-20...20))
    }
  }

  /// A finite point of `x` (non-empty, defined): often an endpoint, else uniform between
  /// finite stand-ins for the endpoints.
  mutating func point(in x: Interval) -> Double {
    let lo = x.lower.isFinite ? x.lower : min(x.upper, -scaled(0...1023))
    let hi = x.upper.isFinite ? x.upper : max(x.lower, scaled(0...1023))
    switch rng.nextInt(below: 4) {
    case 0: return lo
    case 1: return hi
    default:
      let u = rng.nextUnit()
      return min(max(lo * (1 - u) + hi * u, lo), hi)
    }
  }
}

/// An exact real number `(s + δ)·2^scale` known by its round-to-nearest value `s`, the
/// sign of the error `δ` (|δ| below an ulp of `s`), and a power-of-two scale `<= 0` used to
/// keep the error free of underflow. `s = ±∞` means the value overflowed (|value| > max).
struct ExactValue {
  var s: Double
  var errorSign: Int
  var scale: Int

  /// `d·2^-scale`, exact unless it overflows (which preserves the comparisons below).
  func unscale(_ d: Double) -> Double {
    var r = d
    var k = -scale
    while k > 0 { let step = min(k, 600); r *= pow(2.0, Double(step)); k -= step }
    return r
  }

  /// `d <= value`.
  func isAbove(_ d: Double) -> Bool {
    if s == .infinity { return d <= .greatestFiniteMagnitude }
    if s == -.infinity { return d == -.infinity }
    let u = unscale(d)
    return u < s || (u == s && errorSign >= 0)
  }

  /// `d >= value`.
  func isBelow(_ d: Double) -> Bool {
    if s == .infinity { return d == .infinity }
    if s == -.infinity { return d >= -.greatestFiniteMagnitude }
    let u = unscale(d)
    return u > s || (u == s && errorSign <= 0)
  }

  func isInside(_ x: Interval) -> Bool { isAbove(x.lower) && isBelow(x.upper) }

  static func sign(_ e: Double) -> Int { e > 0 ? 1 : (e < 0 ? -1 : 0) }

  /// The exact a + b (TwoSum).
  static func sum(_ a: Double, _ b: Double) -> ExactValue {
    let s = a + b
    if !s.isFinite { return ExactValue(s: s, errorSign: 0, scale: 0) }
    let bb = s - a
    return ExactValue(s: s, errorSign: sign((a - (s - bb)) + (b - bb)), scale: 0)
  }

  /// The exact a·b, scaling the smaller factor up until the product is far from underflow.
  static func product(_ a: Double, _ b: Double) -> ExactValue {
    if a == 0 || b == 0 { return ExactValue(s: 0, errorSign: 0, scale: 0) }
    var x = a, y = b, scale = 0
    while abs(x * y) < 0x1p-900 {
      if abs(x) <= abs(y) { x *= 0x1p600 } else { y *= 0x1p600 }
      scale -= 600
    }
    let p = x * y
    if !p.isFinite { return ExactValue(s: p, errorSign: 0, scale: 0) }
    return ExactValue(s: p, errorSign: sign((-p).addingProduct(x, y)), scale: scale)
  }

  /// The exact a/b (b != 0), scaling a up until the quotient is far from underflow.
  static func quotient(_ a: Double, _ b: Double) -> ExactValue {
    if a == 0 { return ExactValue(s: 0, errorSign: 0, scale: 0) }
    var x = a, scale = 0
    while abs(x) < 0x1p-900 || abs(x / b) < 0x1p-900 { x *= 0x1p600; scale -= 600 }
    let q = x / b
    if !q.isFinite { return ExactValue(s: q, errorSign: 0, scale: 0) }
    let r = x.addingProduct(-q, b)
    return ExactValue(s: q, errorSign: sign(r) * (b < 0 ? -1 : 1), scale: scale)
  }

  /// The exact √a (a >= 0).
  static func squareRoot(_ a: Double) -> ExactValue {
    if a == 0 { return ExactValue(s: 0, errorSign: 0, scale: 0) }
    var x = a, scale = 0
    while x < 0x1p-900 { x *= 0x1p600; scale -= 300 }
    let s = x.squareRoot()
    return ExactValue(s: s, errorSign: -sign((-x).addingProduct(s, s)), scale: scale)
  }
}

/// A well-formed result: empty, undefined, or `lower <= upper` with `lower < +∞` and
/// `upper > -∞`.
func isWellFormed(_ x: Interval) -> Bool {
  if x.isPossiblyUndefined { return x.lower.isNaN && x.upper.isNaN }
  if x.isEmpty { return x.lower == .infinity && x.upper == -.infinity }
  return x.lower <= x.upper && x.lower < .infinity && x.upper > -.infinity
}

/// The libm functions at a point, named apart from the `Interval` methods.
enum PointLibm {
  static func exp(_ x: Double) -> Double { cExp(x) }
  static func log(_ x: Double) -> Double { cLog(x) }
  static func sin(_ x: Double) -> Double { cSin(x) }
  static func cos(_ x: Double) -> Double { cCos(x) }
  static func tan(_ x: Double) -> Double { cTan(x) }
  static func tanh(_ x: Double) -> Double { cTanh(x) }
  static func atan(_ x: Double) -> Double { cAtan(x) }
  static func pow(_ x: Double, _ y: Double) -> Double { cPow(x, y) }
}

private func cExp(_ x: Double) -> Double { exp(x) }
private func cLog(_ x: Double) -> Double { log(x) }
private func cSin(_ x: Double) -> Double { sin(x) }
private func cCos(_ x: Double) -> Double { cos(x) }
private func cTan(_ x: Double) -> Double { tan(x) }
private func cTanh(_ x: Double) -> Double { tanh(x) }
private func cAtan(_ x: Double) -> Double { atan(x) }
private func cPow(_ x: Double, _ y: Double) -> Double { pow(x, y) }

/// An approximation of `x^n` (integer n, x != 0) with relative error below 2⁻⁹⁵, kept as a
/// double-double `(hi + lo)·2^exp2` so that it neither overflows nor underflows.
struct ApproxPower {
  var hi: Double
  var lo: Double
  var exp2: Int

  init(_ x: Double, _ n: Int) {
    precondition(x != 0 && x.isFinite && abs(n) <= 200)
    let f = x.magnitude.significand, e = Int(x.magnitude.exponent)
    var h = 1.0, l = 0.0
    for _ in 0..<abs(n) { (h, l) = ApproxPower.mul(h, l, f, 0) }
    if n < 0 {  // 1/(h + l) to double-double accuracy
      let q = 1 / h
      let r = (1.0).addingProduct(-q, h) - q * l
      (h, l) = ApproxPower.fastTwoSum(q, r / h)
    }
    let negative = x < 0 && abs(n) % 2 == 1
    hi = negative ? -h : h
    lo = negative ? -l : l
    exp2 = n * e
  }

  static func fastTwoSum(_ a: Double, _ b: Double) -> (Double, Double) {
    let s = a + b
    return (s, b - (s - a))
  }

  static func mul(_ ah: Double, _ al: Double, _ bh: Double, _ bl: Double) -> (Double, Double) {
    let p = ah * bh
    var e = (-p).addingProduct(ah, bh)
    e += ah * bl + al * bh
    return fastTwoSum(p, e)
  }

  /// `d·2^-exp2`, exact unless it overflows or underflows far from the compared value.
  func unscale(_ d: Double) -> Double {
    var r = d, k = -exp2
    while k != 0 {
      let step = k > 0 ? min(k, 900) : max(k, -900)
      r *= pow(2.0, Double(step))
      k -= step
    }
    return r
  }

  /// False only when `d` is certainly above the value (a lower bound that is wrong).
  func allowsLower(_ d: Double) -> Bool { unscale(d) <= hi + abs(hi) * 0x1p-90 }
  /// False only when `d` is certainly below the value.
  func allowsUpper(_ d: Double) -> Bool { unscale(d) >= hi - abs(hi) * 0x1p-90 }
  func allows(_ x: Interval) -> Bool { allowsLower(x.lower) && allowsUpper(x.upper) }
}

/// Records one issue summarising `failures` (the first few in full), if there are any.
func expectNoFailures(_ failures: [String], sourceLocation: SourceLocation = #_sourceLocation) {
  let count = failures.count
  #expect(count == 0, "\(count) failures; first: \(failures.prefix(5).joined(separator: " | "))",
          sourceLocation: sourceLocation)
}

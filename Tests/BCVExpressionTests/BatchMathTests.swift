import BCVExpression
import BCVNumerics
import BCVTestSupport
import Testing
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Distance in units in the last place between two doubles (0 for two NaNs, the maximum for a
/// NaN against a number, 0 between +0 and −0: signed zeros are asserted separately).
func ulpDistance(_ a: Double, _ b: Double) -> UInt64 {
  if a.isNaN || b.isNaN { return a.isNaN && b.isNaN ? 0 : .max }
  func ordered(_ v: Double) -> Int64 {
    let magnitude = Int64(bitPattern: v.bitPattern & 0x7fff_ffff_ffff_ffff)
    return v.sign == .minus ? -magnitude : magnitude
  }
  return ordered(a) > ordered(b) ? UInt64(ordered(a) - ordered(b)) : UInt64(ordered(b) - ordered(a))
}

/// Runs a batch kernel over `xs` (in one batch) and returns the worst distance from `reference`,
/// with the argument where it occurred.
func worstError(_ kernel: (UnsafeMutablePointer<Double>, UnsafePointer<Double>, Int) -> Void,
                _ reference: (Double) -> Double, _ xs: [Double]) -> (ulps: UInt64, at: Double) {
  var out = [Double](repeating: 0, count: xs.count)
  out.withUnsafeMutableBufferPointer { o in
    xs.withUnsafeBufferPointer { kernel(o.baseAddress!, $0.baseAddress!, xs.count) }
  }
  var worst: (ulps: UInt64, at: Double) = (0, 0)
  for (x, y) in zip(xs, out) {
    let d = ulpDistance(y, reference(x))
    if d > worst.ulps { worst = (d, x) }
  }
  return worst
}

/// Fixed-seed arguments across ranges: uniform on symmetric intervals, log-uniform magnitudes
/// (tiny to huge, both signs), subnormals, signed zeros.
struct ArgumentSampler {
  var rng = SeededGenerator(seed: propertyTestSeed)

  mutating func uniform(_ bound: Double, _ n: Int) -> [Double] {
    (0..<n).map { _ in rng.nextDouble(in: -bound, bound) }
  }

  /// ±m·2^e with e uniform in `exponents` and m uniform in [1, 2).
  mutating func logUniform(_ exponents: ClosedRange<Int>, _ n: Int, positive: Bool = false) -> [Double] {
    (0..<n).map { _ in
      let e = exponents.lowerBound + rng.nextInt(below: exponents.count)
      let v = Double(sign: .plus, exponent: e, significand: 1 + rng.nextUnit())
      return positive || rng.nextInt(below: 2) == 0 ? v : -v
    }
  }

  mutating func subnormals(_ n: Int) -> [Double] {
    (0..<n).map { _ in
      let v = Double(bitPattern: rng.next() & 0x000f_ffff_ffff_ffff)
      return rng.nextInt(below: 2) == 0 ? v : -v
    }
  }
}

let specials: [Double] = [0, -0.0, .infinity, -.infinity, .nan, -.nan, .greatestFiniteMagnitude,
                          -.greatestFiniteMagnitude, .leastNormalMagnitude, .leastNonzeroMagnitude, 1, -1]

@Suite struct BatchMathAccuracy {
  /// Doubles next to k·π/2 (the rounded multiple and up to 3 ulps either side), where the
  /// reduced argument is tiny and cancellation would show.
  static func nearMultiplesOfHalfPi() -> [Double] {
    var rng = SeededGenerator(seed: propertyTestSeed &+ 1)
    var ks = Array(1...200)
    ks += (0..<800).map { _ in 1 + rng.nextInt(below: 660_000) }
    var xs: [Double] = []
    for k in ks {
      var v = Double(k) * (Double.pi / 2)
      for _ in 0..<3 { v = v.nextDown }
      for _ in 0..<7 { xs.append(v); xs.append(-v); v = v.nextUp }
    }
    return xs
  }

  static func sinCosArguments() -> [Double] {
    var s = ArgumentSampler()
    return s.uniform(.pi / 4, 20_000) + s.uniform(10, 20_000) + s.uniform(1e4, 20_000)
      + s.uniform(0x1p20, 20_000) + s.logUniform(-1074...20, 20_000) + s.subnormals(1000)
      + s.logUniform(20...1023, 2000) + nearMultiplesOfHalfPi() + specials
  }

  @Test func sinIsWithinOneUlpOfTheCLibrary() {
    let worst = worstError({ BatchMath.sin($0, $1, count: $2) }, { sin($0) }, Self.sinCosArguments())
    #expect(worst.ulps <= 1, "sin: \(worst.ulps) ulp at \(worst.at)")
  }

  @Test func cosIsWithinOneUlpOfTheCLibrary() {
    let worst = worstError({ BatchMath.cos($0, $1, count: $2) }, { cos($0) }, Self.sinCosArguments())
    #expect(worst.ulps <= 1, "cos: \(worst.ulps) ulp at \(worst.at)")
  }

  @Test func expIsWithinOneUlpOfTheCLibrary() {
    var s = ArgumentSampler()
    var xs = s.uniform(0.35, 20_000) + s.uniform(5, 20_000) + s.uniform(708, 20_000)
    xs += s.logUniform(-1074...9, 20_000) + s.subnormals(1000) + s.uniform(760, 5000)
    // Around the kernel's limit and libm's overflow (709.78) and underflow (−708.4, −745.13).
    let nearLimits: [Double] = (0..<5000).flatMap { (i: Int) -> [Double] in
      [707 + Double(i) * 0.0006, -707 - Double(i) * 0.0076]
    }
    xs += nearLimits
    let worst = worstError({ BatchMath.exp($0, $1, count: $2) }, { exp($0) }, xs + specials)
    #expect(worst.ulps <= 1, "exp: \(worst.ulps) ulp at \(worst.at)")
  }

  @Test func logIsWithinOneUlpOfTheCLibraryAndNaNWhereUndefined() {
    var s = ArgumentSampler()
    var xs = s.logUniform(-1022...1023, 40_000, positive: true) + s.uniform(3, 20_000)
    xs += (0..<10_000).map { (i: Int) -> Double in 1 + Double(i - 5000) * 0x1p-40 }
    xs += s.subnormals(1000)
    xs += (0..<4000).map { (i: Int) -> Double in 0.7 + Double(i) * 0.0002 }  // around √2/2 and √2
    let worst = worstError({ BatchMath.log($0, $1, count: $2) }, { $0 > 0 ? log($0) : .nan }, xs + specials)
    #expect(worst.ulps <= 1, "log: \(worst.ulps) ulp at \(worst.at)")
  }

  @Test func tanhIsWithinTwoUlpsOfTheCLibrary() {
    var s = ArgumentSampler()
    var xs = s.uniform(0.55, 20_000) + s.uniform(3, 20_000) + s.uniform(25, 20_000)
    xs += s.logUniform(-1074...9, 20_000) + s.subnormals(1000) + s.logUniform(9...1023, 1000)
    xs += (0..<4000).map { (i: Int) -> Double in 0.54 + Double(i) * 0.000005 }  // either side of the switch at 0.55
    let worst = worstError({ BatchMath.tanh($0, $1, count: $2) }, { tanh($0) }, xs + specials)
    #expect(worst.ulps <= 2, "tanh: \(worst.ulps) ulp at \(worst.at)")
  }

  @Test func atanIsWithinOneUlpOfTheCLibrary() {
    var s = ArgumentSampler()
    var xs = s.uniform(3, 40_000) + s.uniform(100, 20_000) + s.logUniform(-1074...1023, 40_000)
    xs += s.subnormals(1000)
    // Either side of each reduction boundary: 7/16, 11/16, 19/16, 39/16.
    for b in [0.4375, 0.6875, 1.1875, 2.4375] { xs += (-500..<500).map { (i: Int) -> Double in b + Double(i) * 0x1p-44 } }
    let worst = worstError({ BatchMath.atan($0, $1, count: $2) }, { atan($0) }, xs + specials)
    #expect(worst.ulps <= 1, "atan: \(worst.ulps) ulp at \(worst.at)")
  }
}

@Suite struct BatchMathSpecialValues {
  func apply(_ kernel: (UnsafeMutablePointer<Double>, UnsafePointer<Double>, Int) -> Void,
             _ xs: [Double]) -> [Double] {
    var out = [Double](repeating: 0, count: xs.count)
    out.withUnsafeMutableBufferPointer { o in xs.withUnsafeBufferPointer { kernel(o.baseAddress!, $0.baseAddress!, xs.count) } }
    return out
  }

  @Test func sinAndCosOfNaNAndInfinitiesAreNaNAndSignedZerosArePreserved() {
    let xs: [Double] = [.nan, .infinity, -.infinity, 0, -0.0, 0x1p-1074, -0x1p-1074]
    let s = apply({ BatchMath.sin($0, $1, count: $2) }, xs)
    let c = apply({ BatchMath.cos($0, $1, count: $2) }, xs)
    #expect(s[0...2].allSatisfy { $0.isNaN } && c[0...2].allSatisfy { $0.isNaN })
    #expect(s[3] == 0 && s[3].sign == .plus && s[4] == 0 && s[4].sign == .minus)
    #expect(s[5] == 0x1p-1074 && s[6] == -0x1p-1074)
    #expect(c[3...].allSatisfy { $0 == 1 })
  }

  @Test func expSaturatesToInfinityAndZeroAndKeepsNaN() {
    let e = apply({ BatchMath.exp($0, $1, count: $2) }, [.infinity, -.infinity, 710, -746, .nan, 0, -0.0, -740])
    #expect(e[0] == .infinity && e[1] == 0 && e[2] == .infinity && e[3] == 0)
    #expect(e[4].isNaN && e[5] == 1 && e[6] == 1)
    #expect(e[7] > 0 && e[7] < .leastNormalMagnitude && e[7] == exp(-740))  // subnormal, as the C library
  }

  @Test func tanhSaturatesToPlusOrMinusOneAndKeepsSignedZeroAndNaN() {
    let t = apply({ BatchMath.tanh($0, $1, count: $2) }, [.infinity, -.infinity, 30, -30, 1e300, .nan, -0.0, 0])
    #expect(t[0] == 1 && t[1] == -1 && t[2] == 1 && t[3] == -1 && t[4] == 1 && t[5].isNaN)
    #expect(t[6] == 0 && t[6].sign == .minus && t[7] == 0 && t[7].sign == .plus)
  }

  @Test func atanOfInfinitiesIsPlusOrMinusHalfPi() {
    let a = apply({ BatchMath.atan($0, $1, count: $2) }, [.infinity, -.infinity, .nan, -0.0, 1e300])
    #expect(a[0] == .pi / 2 && a[1] == -.pi / 2 && a[2].isNaN && a[3] == 0 && a[3].sign == .minus)
    #expect(a[4] == .pi / 2)
  }

  @Test func logIsNaNForZeroAndNegativeArgumentsAndInfinityAtInfinity() {
    let l = apply({ BatchMath.log($0, $1, count: $2) }, [0, -0.0, -1, -.infinity, .nan, .infinity, 1, 0x1p-1074])
    #expect(l[0...4].allSatisfy { $0.isNaN })
    #expect(l[5] == .infinity && l[6] == 0 && l[6].sign == .plus && l[7] == log(0x1p-1074))
  }
}

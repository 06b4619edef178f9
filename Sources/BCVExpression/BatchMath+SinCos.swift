import BCVPlatform

extension BatchMath {
  /// Largest |x| the sine and cosine kernels reduce themselves: the quadrant n = round(x·2/π)
  /// then stays below 2²⁰, so n times each 33-bit part of π/2 is exact.
  public static var sinCosLimit: Double { 0x1p20 }

  /// `dst[k] = sin(x[k])`. Error ≤ 1 ulp from the C library's `sin` for |x| ≤ 2²⁰ (the
  /// polynomial's own error is below 2⁻⁵⁸ relative and the reduction carries its rounding
  /// errors, so the result is faithful); larger |x|, ±∞ and NaN fall back to the C library
  /// (which gives NaN for ±∞). sin(−0) = −0, subnormal x gives x. Vectorises (see `BatchMath`).
  public static func sin(_ dst: UnsafeMutablePointer<Double>, _ x: UnsafePointer<Double>, count: Int) {
    var flagged: UInt64 = 0
    for k in 0..<count {
      let v = x[k]
      flagged |= outside(v, -sinCosLimit, sinCosLimit)
      let (s, c, q) = reducedSinCos(Swift.abs(v))
      dst[k] = sinFromReduced(s, c, q, v)
    }
    if flagged != 0 {
      fixUp(dst, x, count, lower: -sinCosLimit, upper: sinCosLimit) { Libm.sin($0) }
    }
  }

  /// `dst[k] = cos(x[k])`. Error ≤ 1 ulp from the C library's `cos` for |x| ≤ 2²⁰ (as for
  /// `sin`); larger |x|, ±∞ and NaN fall back to the C library. Vectorises (see `BatchMath`).
  public static func cos(_ dst: UnsafeMutablePointer<Double>, _ x: UnsafePointer<Double>, count: Int) {
    var flagged: UInt64 = 0
    for k in 0..<count {
      let v = x[k]
      flagged |= outside(v, -sinCosLimit, sinCosLimit)
      let (s, c, q) = reducedSinCos(Swift.abs(v))
      dst[k] = cosFromReduced(s, c, q)
    }
    if flagged != 0 {
      fixUp(dst, x, count, lower: -sinCosLimit, upper: sinCosLimit) { Libm.cos($0) }
    }
  }

  /// `sinDst[k] = sin(x[k])` and `cosDst[k] = cos(x[k])` from one reduction: bitwise the
  /// results of `sin` and `cos` (same operations), at little more than the cost of one.
  public static func sinCos(_ sinDst: UnsafeMutablePointer<Double>, _ cosDst: UnsafeMutablePointer<Double>,
                            _ x: UnsafePointer<Double>, count: Int) {
    var flagged: UInt64 = 0
    for k in 0..<count {
      let v = x[k]
      flagged |= outside(v, -sinCosLimit, sinCosLimit)
      let (s, c, q) = reducedSinCos(Swift.abs(v))
      sinDst[k] = sinFromReduced(s, c, q, v)
      cosDst[k] = cosFromReduced(s, c, q)
    }
    if flagged != 0 {
      fixUp(sinDst, x, count, lower: -sinCosLimit, upper: sinCosLimit) { Libm.sin($0) }
      fixUp(cosDst, x, count, lower: -sinCosLimit, upper: sinCosLimit) { Libm.cos($0) }
    }
  }

  static var signBit: UInt64 { 0x8000_0000_0000_0000 }

  /// sin x from the reduction of |x|: quadrant q gives sin, cos, −sin, −cos of r; then sin
  /// is odd, so x's sign bit flips the result. Branch-free (selects on bits).
  @inline(__always)
  static func sinFromReduced(_ s: Double, _ c: Double, _ q: UInt64, _ x: Double) -> Double {
    let swap = 0 &- (q & 1)
    let bits = (s.bitPattern & ~swap) | (c.bitPattern & swap)
    return Double(bitPattern: bits ^ ((q & 2) &<< 62) ^ (x.bitPattern & signBit))
  }

  /// cos x from the reduction of |x| (cos is even): quadrant q gives cos, −sin, −cos, sin of r.
  @inline(__always)
  static func cosFromReduced(_ s: Double, _ c: Double, _ q: UInt64) -> Double {
    let swap = 0 &- (q & 1)
    let bits = (c.bitPattern & ~swap) | (s.bitPattern & swap)
    return Double(bitPattern: bits ^ (((q &+ 1) & 2) &<< 62))
  }

  /// For a ≥ 0 (meaningful for a ≤ 2²⁰): sin r and cos r of r = a − n·π/2, |r| ≤ π/4 (plus an
  /// ulp), and the quadrant n (its low bits) in two's complement.
  ///
  /// Cody–Waite reduction with π/2 split in four parts, the first three of at most 33
  /// significant bits, so each product n·Pᵢ (n < 2²⁰) and a − n·P₁ are exact; the roundings of
  /// the next two subtractions are recovered exactly (Fast2Sum: whenever one rounds, its result
  /// dominates the term subtracted) and carried, with n·P₄, as a tail y. The parts sum to π/2
  /// within 2⁻¹⁵⁸, so r + y is a − n·π/2 to about 2⁻¹⁰⁵ relative even next to a multiple of π/2.
  @inline(__always)
  static func reducedSinCos(_ a: Double) -> (sin: Double, cos: Double, quadrant: UInt64) {
    let shifted = a * twoOverPi + roundingShift
    let n = shifted - roundingShift
    let quadrant = shifted.bitPattern &- roundingShift.bitPattern
    let t1 = a - n * piOver2Part1
    let p2 = n * piOver2Part2
    let t2 = t1 - p2
    let e2 = (t1 - t2) - p2
    let p3 = n * piOver2Part3
    let t3 = t2 - p3
    let e3 = (t2 - t3) - p3
    let tail = (e2 + e3) - n * piOver2Part4
    let r = t3 + tail
    let y = (t3 - r) + tail
    return (sinPolynomial(r, y), cosPolynomial(r, y), quadrant)
  }

  static var twoOverPi: Double { 0x1.45f306dc9c883p-1 }
  static var piOver2Part1: Double { 0x1.921fb544p0 }
  static var piOver2Part2: Double { 0x1.0b4611a6p-34 }
  static var piOver2Part3: Double { 0x1.3198a2ep-69 }
  static var piOver2Part4: Double { 0x1.b839a252049c1p-104 }

  /// sin(r + y) for |r| ≤ π/4, |y| ≤ ulp(r)/2: fdlibm's `__kernel_sin` (minimax polynomial,
  /// |sin r / r − p| < 2⁻⁵⁸, with the tail's first-order correction).
  @inline(__always)
  static func sinPolynomial(_ r: Double, _ y: Double) -> Double {
    let z = r * r
    let v = z * r
    let p = 8.33333333332248946124e-03 + z * (-1.98412698298579493134e-04 + z * (2.75573137070700676789e-06
      + z * (-2.50507602534068634195e-08 + z * 1.58969099521155010221e-10)))
    return r - ((z * (0.5 * y - v * p) - y) - v * -1.66666666666666324348e-01)
  }

  /// cos(r + y) for |r| ≤ π/4, |y| ≤ ulp(r)/2: fdlibm's `__kernel_cos` (minimax,
  /// |cos r − p| < 2⁻⁵⁸, with its compensated 1 − r²/2 and the tail's correction).
  @inline(__always)
  static func cosPolynomial(_ r: Double, _ y: Double) -> Double {
    let z = r * r
    let w = z * z
    let p = z * (4.16666666666666019037e-02 + z * (-1.38888888888741095749e-03 + z * 2.48015872894767294178e-05))
      + w * w * (-2.75573143513906633035e-07 + z * (2.08757232129817482790e-09 + z * -1.13596475577881948265e-11))
    let hz = 0.5 * z
    let one = 1.0 - hz
    return one + (((1.0 - one) - hz) + (z * p - r * y))
  }
}

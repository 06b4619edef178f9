import BCVPlatform

extension BatchMath {
  /// Largest |x| the exp kernel handles itself: n = round(x·log₂e) stays within ±1021, so
  /// 2ⁿ is built from exponent bits and e^x is a normal number.
  public static var expLimit: Double { 708 }

  /// `dst[k] = exp(x[k])`. Error ≤ 1 ulp from the C library's `exp` for |x| ≤ 708 (polynomial
  /// error below 0.15 ulp, reduction error below a quarter ulp); beyond that (overflow to +∞,
  /// subnormal results and underflow to 0), ±∞ and NaN fall back to the C library, so
  /// exp(+∞) = +∞ and exp(−∞) = 0. Vectorises (see `BatchMath`).
  public static func exp(_ dst: UnsafeMutablePointer<Double>, _ x: UnsafePointer<Double>, count: Int) {
    var flagged: UInt64 = 0
    for k in 0..<count {
      let v = x[k]
      flagged |= outside(v, -expLimit, expLimit)
      // x = n·ln2 + r, |r| ≤ ln2/2 (Cody–Waite: n·ln2Hi is exact, x − n·ln2Hi too).
      let shifted = v * log2e + roundingShift
      let n = shifted - roundingShift
      let r = (v - n * ln2Hi) - n * ln2Lo
      // 2ⁿ from its exponent field; n sits in the low bits of `shifted`.
      let scaleBits = (shifted.bitPattern &- roundingShift.bitPattern &+ 1023) &<< 52
      dst[k] = expPolynomial(r) * Double(bitPattern: scaleBits)
    }
    if flagged != 0 { fixUp(dst, x, count, lower: -expLimit, upper: expLimit) { Libm.exp($0) } }
  }

  static var log2e: Double { 0x1.71547652b82fep0 }
  /// ln 2 in two parts: 32 significant bits (n·ln2Hi exact for |n| < 2²¹), then the rest.
  static var ln2Hi: Double { 0x1.62e42ff0p-1 }
  static var ln2Lo: Double { -0x1.718432a1b0e26p-35 }

  /// e^r for |r| ≤ ln2/2 as 1 + (r + r²·Q(r)), Q a degree-9 Chebyshev fit of (e^r − 1 − r)/r²:
  /// relative error below 1.6·10⁻¹⁷ (0.15 ulp) before rounding.
  @inline(__always)
  static func expPolynomial(_ r: Double) -> Double {
    let q = 0x1.0000000000001p-1 + r * (0x1.5555555555556p-3 + r * (0x1.5555555553d68p-5
      + r * (0x1.11111111109b5p-7 + r * (0x1.6c16c17889fd3p-10 + r * (0x1.a01a01a7c2f89p-13
      + r * (0x1.a019b91463588p-16 + r * (0x1.71de0db2d4e97p-19 + r * (0x1.28917ccaf39d3p-22
      + r * 0x1.af389f20208c6p-26))))))))
    return 1.0 + (r + (r * r) * q)
  }
}

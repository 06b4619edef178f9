import BCVPlatform

extension BatchMath {
  /// `dst[k] = log(x[k])` for x > 0, NaN for x ≤ 0 (the evaluator's convention: log is
  /// undefined there, so log(0) is NaN, not −∞). Error ≤ 1 ulp from the C library's `log` on
  /// normal positive x; subnormal x, +∞ and NaN fall back to the C library. Vectorises (see
  /// `BatchMath`).
  public static func log(_ dst: UnsafeMutablePointer<Double>, _ x: UnsafePointer<Double>, count: Int) {
    var flagged: UInt64 = 0
    for k in 0..<count {
      let v = x[k]
      flagged |= outside(v, Double.leastNormalMagnitude, Double.greatestFiniteMagnitude)
      // x = 2^e · m with m in [√2/2, √2): e and m straight from the bits (musl's split).
      let t = v.bitPattern &- sqrtHalfBits
      let biasedE = (t &+ (1023 &<< 52)) &>> 52
      let m = Double(bitPattern: v.bitPattern &- (t & 0xfff0_0000_0000_0000))
      let e = Double(bitPattern: roundingShift.bitPattern &+ biasedE) - (roundingShift + 1023)
      dst[k] = logReduced(m - 1, e)
    }
    if flagged != 0 {
      fixUp(dst, x, count, lower: Double.leastNormalMagnitude, upper: Double.greatestFiniteMagnitude) {
        $0 > 0 ? Libm.log($0) : .nan
      }
    }
  }

  /// Bit pattern of √2/2 rounded (musl's `OFF`).
  static var sqrtHalfBits: UInt64 { 0x3fe6_a09e_667f_3bcd }

  /// e·ln2 + log(1 + f) for f in [√2/2 − 1, √2 − 1]: fdlibm's `__ieee754_log` kernel,
  /// s = f/(2 + f), log(1 + f) = f − f²/2 + s·(f²/2 + R(s²)), |R − true| < 2⁻⁵⁸·⁴⁵.
  @inline(__always)
  static func logReduced(_ f: Double, _ e: Double) -> Double {
    let s = f / (2.0 + f)
    let z = s * s
    let w = z * z
    let t1 = w * (3.999999999940941908e-01 + w * (2.222219843214978396e-01 + w * 1.531383769920937332e-01))
    let t2 = z * (6.666666666666735130e-01 + w * (2.857142874366239149e-01
      + w * (1.818357216161805012e-01 + w * 1.479819860511658591e-01)))
    let hfsq = 0.5 * f * f
    return e * ln2Hi - ((hfsq - (s * (hfsq + (t2 + t1)) + e * ln2Lo)) - f)
  }
}

import BCVPlatform

extension BatchMath {
  /// `dst[k] = tanh(x[k])`. Error ≤ 2 ulp from the C library's `tanh` for every finite x: the
  /// kernel itself is within 1 ulp of the correctly rounded value (|x| < 0.55: an odd polynomial
  /// within 0.05 ulp; larger |x|: 1 − 2/(e^{2|x|} + 1) with the exp kernel, |x| capped at 20
  /// where tanh is 1 after rounding; checked against 40-digit values on 300 000 points), but
  /// glibc's `tanh` is itself up to 2 ulp off. Saturates to ±1, tanh(−0) = −0; ±∞ and NaN fall
  /// back to the C library (±1, NaN). Vectorises (see `BatchMath`).
  public static func tanh(_ dst: UnsafeMutablePointer<Double>, _ x: UnsafePointer<Double>, count: Int) {
    var flagged: UInt64 = 0
    for k in 0..<count {
      let v = x[k]
      flagged |= outside(v, -.greatestFiniteMagnitude, .greatestFiniteMagnitude)
      let a = Swift.abs(v)
      let z = a * a
      let small = a + a * z * tanhSeries(z)
      let twice = 2 * (a < 20 ? a : 20)
      let shifted = twice * log2e + roundingShift
      let n = shifted - roundingShift
      let scaleBits = (shifted.bitPattern &- roundingShift.bitPattern &+ 1023) &<< 52
      let e = expPolynomial((twice - n * ln2Hi) - n * ln2Lo) * Double(bitPattern: scaleBits)
      let large = 1 - 2 / (e + 1)
      let result = a < 0.55 ? small : large
      dst[k] = Double(bitPattern: result.bitPattern ^ (v.bitPattern & signBit))
    }
    if flagged != 0 {
      fixUp(dst, x, count, lower: -.greatestFiniteMagnitude, upper: .greatestFiniteMagnitude) { Libm.tanh($0) }
    }
  }

  /// P(z) with tanh a ≈ a + a³·P(a²) for |a| ≤ 0.55: degree-10 Chebyshev fit, relative error of
  /// the whole below 0.05 ulp.
  @inline(__always)
  static func tanhSeries(_ z: Double) -> Double {
    -0x1.5555555555555p-2 + z * (0x1.1111111111032p-3 + z * (-0x1.ba1ba1b9fec84p-5 + z * (0x1.664f487713373p-6
      + z * (-0x1.226e32f00cf0cp-7 + z * (0x1.d6d339333f329p-9 + z * (-0x1.7d97cfd138c28p-10
      + z * (0x1.34c5a8a996cd4p-11 + z * (-0x1.ec1091436eb2ap-13 + z * (0x1.64fd88e9900a4p-14
      + z * -0x1.59a834187ce22p-16)))))))))
  }
}

extension BatchMath {
  /// `dst[k] = atan(x[k])`: fdlibm's `atan` with its branches turned into selects. Error ≤ 1 ulp
  /// from the C library's `atan` for every x; atan(±∞) = ±π/2 (rounded), atan(−0) = −0,
  /// NaN gives NaN, with no fall-back pass. Vectorises (see `BatchMath`); on the default x86-64
  /// target (SSE2: selects cost three instructions, division is slow) it gains least of the
  /// kernels, about 1.15× over glibc's `atan` in `bcv-perf kernels`.
  public static func atan(_ dst: UnsafeMutablePointer<Double>, _ x: UnsafePointer<Double>, count: Int) {
    for k in 0..<count {
      let v = x[k]
      let a = Swift.abs(v)
      // |x| in [0, 7/16), [7/16, 11/16), [11/16, 19/16), [19/16, 39/16), [39/16, ∞]: t is
      // (p·a − q)/(p + q·a) (fdlibm's exact operations per interval; −1/a on the last),
      // atan(|x|) = c + atan t.
      let i1 = a >= 0.4375, i2 = a >= 0.6875, i3 = a >= 1.1875, i4 = a >= 2.4375
      let p = i4 ? 0.0 : (i1 && !i2 ? 2.0 : 1.0)
      let q = i3 ? (i4 ? 1.0 : 1.5) : (i1 ? 1.0 : 0.0)
      let numerator = i4 ? -1.0 : p * a - q
      let t = numerator / (p + q * a)
      let hi = i3 ? (i4 ? atanHi3 : atanHi2) : (i2 ? atanHi1 : (i1 ? atanHi0 : 0.0))
      let lo = i3 ? (i4 ? atanLo3 : atanLo2) : (i2 ? atanLo1 : (i1 ? atanLo0 : 0.0))
      let result = hi - ((t * atanSeries(t) - lo) - t)
      dst[k] = Double(bitPattern: result.bitPattern ^ (v.bitPattern & signBit))
    }
  }

  /// atan(1/2), atan(1), atan(3/2), π/2, each as a double plus the rest.
  static var atanHi0: Double { 4.63647609000806093515e-01 }
  static var atanLo0: Double { 2.26987774529616870924e-17 }
  static var atanHi1: Double { 7.85398163397448278999e-01 }
  static var atanLo1: Double { 3.06161699786838301793e-17 }
  static var atanHi2: Double { 9.82793723247329054082e-01 }
  static var atanLo2: Double { 1.39033110312309984516e-17 }
  static var atanHi3: Double { 1.57079632679489655800e+00 }
  static var atanLo3: Double { 6.12323399573676603587e-17 }

  /// S(t) with atan t ≈ t − t·S(t) for |t| ≤ 7/16: fdlibm's coefficients, error below 0.05 ulp.
  @inline(__always)
  static func atanSeries(_ t: Double) -> Double {
    let z = t * t
    let w = z * z
    let s1 = z * (3.33333333333329318027e-01 + w * (1.42857142725034663711e-01 + w * (9.09088713343650656196e-02
      + w * (6.66107313738753120669e-02 + w * (4.97687799461593236017e-02 + w * 1.62858201153657823623e-02)))))
    let s2 = w * (-1.99999999998764832476e-01 + w * (-1.11111104054623557880e-01 + w * (-7.69187620504482999495e-02
      + w * (-5.83357013379057348645e-02 + w * -3.65315727442169155270e-02))))
    return s1 + s2
  }
}

// Greatest common divisors of BigInt values (Euclid's algorithm).

extension BigInt {
  /// The greatest common divisor of a and b: the largest d ≥ 0 dividing both.
  /// It is non-negative, gcd(a, 0) == |a|, and gcd(0, 0) == 0.
  public static func gcd(_ a: BigInt, _ b: BigInt) -> BigInt {
    var x = a.limbs
    var y = b.limbs
    // Euclid on magnitudes until both fit one limb, then finish in machine words.
    while !y.isEmpty {
      if x.count <= 1 && y.count <= 1 {
        return BigInt(gcd(x.first ?? 0, y[0]))
      }
      if y.count == 1 {
        let r = divideMagnitude(x, bySingleLimb: y[0]).remainder
        return BigInt(gcd(y[0], r))
      }
      (x, y) = (y, divideMagnitudes(x, y).remainder)
    }
    return BigInt(magnitude: x, negative: false)
  }

  /// gcd of two machine words by the binary (Stein) algorithm; gcd(0, 0) == 0.
  internal static func gcd(_ a: UInt64, _ b: UInt64) -> UInt64 {
    if a == 0 { return b }
    if b == 0 { return a }
    var u = a, v = b
    let shift = (u | v).trailingZeroBitCount
    u >>= u.trailingZeroBitCount
    repeat {
      v >>= v.trailingZeroBitCount
      if u > v { swap(&u, &v) }
      v -= u
    } while v != 0
    return u << shift
  }
}

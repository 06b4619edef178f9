// Exact division of BigInt values: a one-limb fast path and Knuth's algorithm D
// (The Art of Computer Programming, vol. 2, §4.3.1) for longer divisors.

extension BigInt {
  /// The quotient and remainder of self / divisor, truncating toward zero like `Int`:
  /// `quotient * divisor + remainder == self`, |remainder| < |divisor|, and the remainder
  /// is zero or has the sign of self. Traps when divisor is zero.
  public func quotientAndRemainder(dividingBy divisor: BigInt) -> (quotient: BigInt, remainder: BigInt) {
    precondition(!divisor.isZero, "BigInt division by zero (dividend \(self))")
    let (q, r) = BigInt.divideMagnitudes(limbs, divisor.limbs)
    return (
      BigInt(magnitude: q, negative: isNegative != divisor.isNegative),
      BigInt(magnitude: r, negative: isNegative))
  }

  /// The quotient truncated toward zero (see `quotientAndRemainder(dividingBy:)`).
  public static func / (lhs: BigInt, rhs: BigInt) -> BigInt {
    lhs.quotientAndRemainder(dividingBy: rhs).quotient
  }

  /// The remainder of truncating division: zero or of the dividend's sign.
  public static func % (lhs: BigInt, rhs: BigInt) -> BigInt {
    lhs.quotientAndRemainder(dividingBy: rhs).remainder
  }

  public static func /= (lhs: inout BigInt, rhs: BigInt) { lhs = lhs / rhs }
  public static func %= (lhs: inout BigInt, rhs: BigInt) { lhs = lhs % rhs }

  // MARK: Magnitude kernels

  /// (⌊a / b⌋, a mod b) for magnitudes, b nonempty; both results normalised.
  internal static func divideMagnitudes(_ a: [UInt64], _ b: [UInt64]) -> (quotient: [UInt64], remainder: [UInt64]) {
    if compareMagnitudes(a, b) < 0 { return ([], a) }
    if b.count == 1 {
      let (q, r) = divideMagnitude(a, bySingleLimb: b[0])
      return (q, r == 0 ? [] : [r])
    }
    return knuthDivide(a, b)
  }

  /// (⌊a / d⌋, a mod d) for a magnitude and one nonzero limb; the quotient is normalised.
  internal static func divideMagnitude(_ a: [UInt64], bySingleLimb d: UInt64) -> (quotient: [UInt64], remainder: UInt64) {
    var quotient = [UInt64](repeating: 0, count: a.count)
    var remainder: UInt64 = 0
    var i = a.count - 1
    while i >= 0 {
      // remainder < d, so the two-limb dividend's quotient fits one limb.
      (quotient[i], remainder) = d.dividingFullWidth((remainder, a[i]))
      i -= 1
    }
    trimHighZeros(&quotient)
    return (quotient, remainder)
  }

  /// Knuth's algorithm D for a ≥ b and b with at least two limbs.
  private static func knuthDivide(_ a: [UInt64], _ b: [UInt64]) -> (quotient: [UInt64], remainder: [UInt64]) {
    let n = b.count
    let m = a.count - n
    // D1: normalise so the divisor's top limb has its high bit set; u gains one limb.
    let s = UInt64(b[n - 1].leadingZeroBitCount)
    let v = shiftedLeft(b, by: s, extraLimb: false)
    var u = shiftedLeft(a, by: s, extraLimb: true)
    var quotient = [UInt64](repeating: 0, count: m + 1)
    let vTop = v[n - 1], vNext = v[n - 2]

    var j = m
    while j >= 0 {
      // D3: estimate q̂ from the top two limbs of the current remainder; q̂ ≥ the true digit.
      var qHat: UInt64
      var rHat: UInt64
      var rHatOverflowed = false
      if u[j + n] >= vTop {
        // The invariant u[j+n...] < v gives u[j+n] == vTop here, and the digit is at most B − 1.
        qHat = UInt64.max
        (rHat, rHatOverflowed) = u[j + n - 1].addingReportingOverflow(u[j + n])
      } else {
        (qHat, rHat) = vTop.dividingFullWidth((u[j + n], u[j + n - 1]))
      }
      // Refine with the next limb until q̂ is at most one too large.
      while !rHatOverflowed {
        let product = qHat.multipliedFullWidth(by: vNext)
        let isTooLarge = product.high > rHat || (product.high == rHat && product.low > u[j + n - 2])
        if !isTooLarge { break }
        qHat -= 1
        (rHat, rHatOverflowed) = rHat.addingReportingOverflow(vTop)
      }

      // D4: u[j...j+n] −= q̂ · v.
      var carry: UInt64 = 0
      var borrow: UInt64 = 0
      for i in 0..<n {
        let (high, low) = qHat.multipliedFullWidth(by: v[i])
        let (productLow, c) = low.addingReportingOverflow(carry)
        carry = high &+ (c ? 1 : 0)
        let (d1, o1) = u[i + j].subtractingReportingOverflow(productLow)
        let (d2, o2) = d1.subtractingReportingOverflow(borrow)
        u[i + j] = d2
        borrow = (o1 ? 1 : 0) + (o2 ? 1 : 0)
      }
      let (t1, o1) = u[j + n].subtractingReportingOverflow(carry)
      let (t2, o2) = t1.subtractingReportingOverflow(borrow)
      u[j + n] = t2

      // D5–D6: when the subtraction went negative, q̂ was one too large: add v back.
      if o1 || o2 {
        qHat -= 1
        var addCarry: UInt64 = 0
        for i in 0..<n {
          let (s1, c1) = u[i + j].addingReportingOverflow(v[i])
          let (s2, c2) = s1.addingReportingOverflow(addCarry)
          u[i + j] = s2
          addCarry = (c1 ? 1 : 0) + (c2 ? 1 : 0)
        }
        u[j + n] &+= addCarry
      }
      quotient[j] = qHat
      j -= 1
    }

    // D8: the remainder is u[0..<n] shifted back right by s.
    var remainder = [UInt64](repeating: 0, count: n)
    for i in 0..<n {
      let next = i + 1 < n ? u[i + 1] : 0
      remainder[i] = s == 0 ? u[i] : (u[i] >> s) | (next << (64 - s))
    }
    trimHighZeros(&quotient)
    trimHighZeros(&remainder)
    return (quotient, remainder)
  }

  /// `limbs` shifted left by s < 64 bits, with one extra high limb kept when asked for.
  private static func shiftedLeft(_ limbs: [UInt64], by s: UInt64, extraLimb: Bool) -> [UInt64] {
    var result = [UInt64]()
    result.reserveCapacity(limbs.count + 1)
    var carry: UInt64 = 0
    for limb in limbs {
      result.append(s == 0 ? limb : (limb << s) | carry)
      carry = s == 0 ? 0 : limb >> (64 - s)
    }
    if extraLimb { result.append(carry) } else { precondition(carry == 0, "shift lost high bits") }
    return result
  }
}

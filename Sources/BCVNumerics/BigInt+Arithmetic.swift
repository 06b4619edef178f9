// Exact addition, subtraction, multiplication, powers and shifts of BigInt values.
// Division lives in BigInt+Division.swift.

extension BigInt {
  // MARK: Magnitude kernels (limb arrays, little-endian, normalised inputs)

  /// a + b for magnitudes; the result is normalised.
  internal static func addMagnitudes(_ a: [UInt64], _ b: [UInt64]) -> [UInt64] {
    let (long, short) = a.count >= b.count ? (a, b) : (b, a)
    var result = [UInt64]()
    result.reserveCapacity(long.count + 1)
    var carry: UInt64 = 0
    for i in 0..<long.count {
      let (s1, o1) = long[i].addingReportingOverflow(i < short.count ? short[i] : 0)
      let (s2, o2) = s1.addingReportingOverflow(carry)
      result.append(s2)
      carry = (o1 ? 1 : 0) + (o2 ? 1 : 0)
    }
    if carry != 0 { result.append(carry) }
    return result
  }

  /// a - b for magnitudes with a ≥ b; the result is normalised.
  internal static func subtractMagnitudes(_ a: [UInt64], _ b: [UInt64]) -> [UInt64] {
    var result = [UInt64]()
    result.reserveCapacity(a.count)
    var borrow: UInt64 = 0
    for i in 0..<a.count {
      let (d1, o1) = a[i].subtractingReportingOverflow(i < b.count ? b[i] : 0)
      let (d2, o2) = d1.subtractingReportingOverflow(borrow)
      result.append(d2)
      borrow = (o1 ? 1 : 0) + (o2 ? 1 : 0)
    }
    precondition(borrow == 0, "subtractMagnitudes needs a ≥ b")
    trimHighZeros(&result)
    return result
  }

  /// a × b for magnitudes by the schoolbook method; the result is normalised.
  internal static func multiplyMagnitudes(_ a: [UInt64], _ b: [UInt64]) -> [UInt64] {
    if a.isEmpty || b.isEmpty { return [] }
    var result = [UInt64](repeating: 0, count: a.count + b.count)
    for i in 0..<a.count {
      let ai = a[i]
      if ai == 0 { continue }
      var carry: UInt64 = 0
      for j in 0..<b.count {
        // ai·bj + result[i+j] + carry < 2^128, so the double word never overflows.
        let (high, low) = ai.multipliedFullWidth(by: b[j])
        let (s1, o1) = low.addingReportingOverflow(result[i + j])
        let (s2, o2) = s1.addingReportingOverflow(carry)
        result[i + j] = s2
        carry = high &+ (o1 ? 1 : 0) &+ (o2 ? 1 : 0)
      }
      result[i + b.count] = carry
    }
    trimHighZeros(&result)
    return result
  }

  // MARK: Signed operators

  public static func + (lhs: BigInt, rhs: BigInt) -> BigInt {
    if lhs.isNegative == rhs.isNegative {
      return BigInt(magnitude: addMagnitudes(lhs.limbs, rhs.limbs), negative: lhs.isNegative)
    }
    // Opposite signs: the result takes the sign of the operand with the larger magnitude.
    if compareMagnitudes(lhs.limbs, rhs.limbs) >= 0 {
      return BigInt(magnitude: subtractMagnitudes(lhs.limbs, rhs.limbs), negative: lhs.isNegative)
    }
    return BigInt(magnitude: subtractMagnitudes(rhs.limbs, lhs.limbs), negative: rhs.isNegative)
  }

  public static prefix func - (operand: BigInt) -> BigInt {
    BigInt(magnitude: operand.limbs, negative: !operand.isNegative)
  }

  public static func - (lhs: BigInt, rhs: BigInt) -> BigInt {
    lhs + (-rhs)
  }

  public static func * (lhs: BigInt, rhs: BigInt) -> BigInt {
    BigInt(
      magnitude: multiplyMagnitudes(lhs.limbs, rhs.limbs),
      negative: lhs.isNegative != rhs.isNegative)
  }

  public static func += (lhs: inout BigInt, rhs: BigInt) { lhs = lhs + rhs }
  public static func -= (lhs: inout BigInt, rhs: BigInt) { lhs = lhs - rhs }
  public static func *= (lhs: inout BigInt, rhs: BigInt) { lhs = lhs * rhs }

  /// self^n for n ≥ 0 by repeated squaring; 0^0 is 1.
  public func power(_ n: Int) -> BigInt {
    precondition(n >= 0, "BigInt.power needs a non-negative exponent, got \(n) (base \(self))")
    var result: BigInt = 1
    var base = self
    var e = n
    while e > 0 {
      if e & 1 == 1 { result *= base }
      e >>= 1
      if e > 0 { base *= base }
    }
    return result
  }

  // MARK: Shifts

  /// self × 2^n; a negative n shifts right instead (flooring, as `>>` does).
  public static func << (lhs: BigInt, rhs: Int) -> BigInt {
    if rhs < 0 { return lhs >> (rhs == Int.min ? Int.max : -rhs) }
    if lhs.isZero || rhs == 0 { return lhs }
    let limbShift = rhs / 64
    let bitShift = UInt64(rhs % 64)
    var result = [UInt64](repeating: 0, count: limbShift)
    result.reserveCapacity(limbShift + lhs.limbs.count + 1)
    if bitShift == 0 {
      result.append(contentsOf: lhs.limbs)
    } else {
      var carry: UInt64 = 0
      for limb in lhs.limbs {
        result.append((limb << bitShift) | carry)
        carry = limb >> (64 - bitShift)
      }
      result.append(carry)
    }
    return BigInt(magnitude: result, negative: lhs.isNegative)
  }

  /// ⌊self / 2^n⌋, rounding toward −∞ like `Int`'s arithmetic shift (so -1 >> n == -1);
  /// a negative n shifts left instead.
  public static func >> (lhs: BigInt, rhs: Int) -> BigInt {
    if rhs < 0 { return lhs << (rhs == Int.min ? Int.max : -rhs) }
    if lhs.isZero || rhs == 0 { return lhs }
    let limbShift = rhs / 64
    if limbShift >= lhs.limbs.count { return lhs.isNegative ? -1 : 0 }
    let bitShift = UInt64(rhs % 64)
    let kept = lhs.limbs.count - limbShift
    var result = [UInt64](repeating: 0, count: kept)
    for i in 0..<kept {
      let low = lhs.limbs[i + limbShift] >> bitShift
      let next = i + limbShift + 1 < lhs.limbs.count ? lhs.limbs[i + limbShift + 1] : 0
      result[i] = bitShift == 0 ? low : low | (next << (64 - bitShift))
    }
    let shifted = BigInt(magnitude: result, negative: lhs.isNegative)
    // Truncation rounded a negative value toward zero; floor it when any 1 bit was dropped.
    if lhs.isNegative && lhs.hasNonzeroBits(below: rhs) { return shifted - 1 }
    return shifted
  }

  public static func <<= (lhs: inout BigInt, rhs: Int) { lhs = lhs << rhs }
  public static func >>= (lhs: inout BigInt, rhs: Int) { lhs = lhs >> rhs }

  /// Whether |self| mod 2^n ≠ 0, i.e. some of the n lowest bits of the magnitude are set.
  internal func hasNonzeroBits(below n: Int) -> Bool {
    let fullLimbs = min(n / 64, limbs.count)
    for i in 0..<fullLimbs where limbs[i] != 0 { return true }
    let rest = n % 64
    guard rest > 0, fullLimbs < limbs.count else { return false }
    return limbs[fullLimbs] & ((1 << UInt64(rest)) - 1) != 0
  }
}

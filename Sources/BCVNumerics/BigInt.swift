/// An arbitrary-precision signed integer.
///
/// The value is `(isNegative ? -1 : 1) × Σ limbs[i] · 2^(64·i)`. Every integer has exactly
/// one representation: the limbs carry no high zero limb (zero has no limbs at all) and
/// zero is never negative. Equality and hashing are therefore equality and hashing of values.
///
/// Every operation is exact; only `Double` conversions round, and they say how.
public struct BigInt: Sendable, Hashable {
  /// |self| as little-endian 64-bit limbs: empty for zero, last limb nonzero otherwise.
  internal private(set) var limbs: [UInt64]
  /// Whether self < 0; always false for zero.
  internal private(set) var isNegative: Bool

  /// The integer `(negative ? -1 : 1) × magnitude`, normalised: high zero limbs are dropped
  /// and a zero magnitude is made non-negative whatever `negative` says.
  internal init(magnitude: [UInt64], negative: Bool) {
    var limbs = magnitude
    BigInt.trimHighZeros(&limbs)
    self.limbs = limbs
    self.isNegative = negative && !limbs.isEmpty
  }

  /// The integer equal to `v` (every `Int`, including `Int.min`).
  public init(_ v: Int) {
    self.init(magnitude: [UInt64(v.magnitude)], negative: v < 0)
  }

  /// The integer equal to `v`.
  public init(_ v: UInt64) {
    self.init(magnitude: [v], negative: false)
  }

  /// Whether self == 0.
  public var isZero: Bool { limbs.isEmpty }

  /// -1, 0 or 1 according to the sign of self.
  public func signum() -> Int {
    isZero ? 0 : (isNegative ? -1 : 1)
  }

  /// |self|.
  public var magnitude: BigInt { BigInt(magnitude: limbs, negative: false) }

  /// The number of bits of |self|: the least k ≥ 0 with |self| < 2^k (0 for zero).
  public var bitLength: Int {
    guard let top = limbs.last else { return 0 }
    return limbs.count * 64 - top.leadingZeroBitCount
  }

  /// Self as an `Int` when Int.min ≤ self ≤ Int.max, otherwise nil.
  public var asInt: Int? {
    switch limbs.count {
    case 0:
      return 0
    case 1:
      let m = limbs[0]
      if !isNegative { return m <= UInt64(Int.max) ? Int(m) : nil }
      return m <= UInt64(Int.max) + 1 ? Int(truncatingIfNeeded: 0 &- m) : nil
    default:
      return nil
    }
  }

  /// Traps unless the representation is canonical: no high zero limb and zero non-negative.
  public func _checkInvariants() {
    precondition(limbs.last != 0, "BigInt has a high zero limb: \(limbs)")
    precondition(!(isNegative && limbs.isEmpty), "BigInt zero is marked negative")
  }

  /// Removes high zero limbs so that the last limb, if any, is nonzero.
  @inline(__always)
  internal static func trimHighZeros(_ limbs: inout [UInt64]) {
    while limbs.last == 0 { limbs.removeLast() }
  }
}

extension BigInt: ExpressibleByIntegerLiteral {
  public init(integerLiteral value: Int) {
    self.init(value)
  }
}

extension BigInt: Comparable {
  /// Compares two magnitudes (normalised limb arrays): -1, 0 or 1.
  internal static func compareMagnitudes(_ a: [UInt64], _ b: [UInt64]) -> Int {
    if a.count != b.count { return a.count < b.count ? -1 : 1 }
    var i = a.count - 1
    while i >= 0 {
      if a[i] != b[i] { return a[i] < b[i] ? -1 : 1 }
      i -= 1
    }
    return 0
  }

  /// -1, 0 or 1 as lhs is less than, equal to or greater than rhs.
  internal static func compare(_ lhs: BigInt, _ rhs: BigInt) -> Int {
    if lhs.isNegative != rhs.isNegative { return lhs.isNegative ? -1 : 1 }
    let m = compareMagnitudes(lhs.limbs, rhs.limbs)
    return lhs.isNegative ? -m : m
  }

  public static func < (lhs: BigInt, rhs: BigInt) -> Bool {
    compare(lhs, rhs) < 0
  }
}

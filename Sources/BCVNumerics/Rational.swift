/// An exact rational number numerator / denominator.
///
/// Every value is kept reduced: gcd(numerator, denominator) == 1 and denominator > 0
/// (zero is 0/1). So each rational has exactly one representation, and equality and
/// hashing are equality and hashing of values.
public struct Rational: Sendable, Hashable {
  /// The numerator; it carries the sign.
  public let numerator: BigInt
  /// The denominator; always positive, and coprime to the numerator.
  public let denominator: BigInt

  /// numerator / denominator, reduced and with a positive denominator. Traps when the
  /// denominator is zero.
  public init(_ numerator: BigInt, _ denominator: BigInt) {
    precondition(!denominator.isZero, "Rational with zero denominator (numerator \(numerator))")
    let g = BigInt.gcd(numerator, denominator)
    var n = numerator, d = denominator
    if g != 1 {
      n = n / g
      d = d / g
    }
    if d.signum() < 0 {
      n = -n
      d = -d
    }
    self.init(reducedNumerator: n, denominator: d)
  }

  /// A rational from parts the caller guarantees are already coprime with d > 0.
  internal init(reducedNumerator numerator: BigInt, denominator: BigInt) {
    self.numerator = numerator
    self.denominator = denominator
  }

  /// The integer `value` as a rational.
  public init(_ value: BigInt) {
    self.init(reducedNumerator: value, denominator: 1)
  }

  /// The integer `value` as a rational.
  public init(_ value: Int) {
    self.init(BigInt(value))
  }

  /// Whether self == 0.
  public var isZero: Bool { numerator.isZero }

  /// -1, 0 or 1 according to the sign of self.
  public func signum() -> Int { numerator.signum() }

  /// Whether self is an integer (its reduced denominator is 1).
  public var isInteger: Bool { denominator == 1 }

  /// Traps unless the representation is canonical: denominator positive, gcd 1, and both
  /// parts themselves canonical.
  public func _checkInvariants() {
    numerator._checkInvariants()
    denominator._checkInvariants()
    precondition(denominator.signum() > 0, "Rational denominator not positive: \(numerator)/\(denominator)")
    precondition(
      BigInt.gcd(numerator, denominator) == 1, "Rational not reduced: \(numerator)/\(denominator)")
  }
}

extension Rational: ExpressibleByIntegerLiteral {
  public init(integerLiteral value: Int) {
    self.init(value)
  }
}

extension Rational: Comparable {
  public static func < (lhs: Rational, rhs: Rational) -> Bool {
    let (ls, rs) = (lhs.signum(), rhs.signum())
    if ls != rs { return ls < rs }
    if lhs.denominator == rhs.denominator { return lhs.numerator < rhs.numerator }
    // Denominators are positive, so cross-multiplying keeps the order.
    return lhs.numerator * rhs.denominator < rhs.numerator * lhs.denominator
  }
}

extension Rational: CustomStringConvertible {
  /// "n" for integers and "n/d" otherwise, the sign on the numerator: "-2", "3/4", "-3/4".
  public var description: String {
    isInteger ? numerator.description : "\(numerator)/\(denominator)"
  }
}

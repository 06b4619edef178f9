// Exact field operations on Rational values. Every result is reduced with a positive
// denominator; the gcd tricks (Henrici's algorithms, Knuth vol. 2, §4.5.1) keep the
// intermediate integers small instead of reducing a full cross product afterwards.

extension Rational {
  public static func + (lhs: Rational, rhs: Rational) -> Rational {
    if lhs.isZero { return rhs }
    if rhs.isZero { return lhs }
    if lhs.isInteger && rhs.isInteger { return Rational(lhs.numerator + rhs.numerator) }
    let g = BigInt.gcd(lhs.denominator, rhs.denominator)
    if g == 1 {
      // a/b + c/d with gcd(b, d) = 1 is already reduced as (ad + cb)/(bd).
      return Rational(
        reducedNumerator: lhs.numerator * rhs.denominator + rhs.numerator * lhs.denominator,
        denominator: lhs.denominator * rhs.denominator)
    }
    let lhsCofactor = rhs.denominator / g
    let t = lhs.numerator * lhsCofactor + rhs.numerator * (lhs.denominator / g)
    if t.isZero { return 0 }
    // Only common factors of t and g can cancel against the denominator b·d/g.
    let g2 = BigInt.gcd(t, g)
    return Rational(
      reducedNumerator: t / g2,
      denominator: (lhs.denominator / g2) * lhsCofactor)
  }

  public static prefix func - (operand: Rational) -> Rational {
    Rational(reducedNumerator: -operand.numerator, denominator: operand.denominator)
  }

  public static func - (lhs: Rational, rhs: Rational) -> Rational {
    lhs + (-rhs)
  }

  public static func * (lhs: Rational, rhs: Rational) -> Rational {
    if lhs.isZero || rhs.isZero { return 0 }
    // Cancel across the diagonals first; the products are then coprime.
    let g1 = BigInt.gcd(lhs.numerator, rhs.denominator)
    let g2 = BigInt.gcd(rhs.numerator, lhs.denominator)
    return Rational(
      reducedNumerator: (lhs.numerator / g1) * (rhs.numerator / g2),
      denominator: (lhs.denominator / g2) * (rhs.denominator / g1))
  }

  /// lhs / rhs; traps when rhs is zero.
  public static func / (lhs: Rational, rhs: Rational) -> Rational {
    precondition(!rhs.isZero, "Rational division by zero (dividend \(lhs))")
    return lhs * rhs.reciprocal
  }

  public static func += (lhs: inout Rational, rhs: Rational) { lhs = lhs + rhs }
  public static func -= (lhs: inout Rational, rhs: Rational) { lhs = lhs - rhs }
  public static func *= (lhs: inout Rational, rhs: Rational) { lhs = lhs * rhs }
  public static func /= (lhs: inout Rational, rhs: Rational) { lhs = lhs / rhs }

  /// 1 / self; traps when self is zero.
  public var reciprocal: Rational {
    precondition(!isZero, "reciprocal of zero")
    let negative = numerator.signum() < 0
    return Rational(
      reducedNumerator: negative ? -denominator : denominator,
      denominator: negative ? -numerator : numerator)
  }

  /// |self|.
  public var magnitude: Rational {
    Rational(reducedNumerator: numerator.magnitude, denominator: denominator)
  }

  /// self^n; a negative n gives (1/self)^|n| and then traps when self is zero. 0^0 is 1.
  public func power(_ n: Int) -> Rational {
    if n < 0 {
      precondition(!isZero, "Rational.power: zero to the negative power \(n)")
      precondition(n != Int.min, "Rational.power: exponent \(n) out of range")
      return reciprocal.power(-n)
    }
    // Powers of coprime integers stay coprime, so no reduction is needed.
    return Rational(reducedNumerator: numerator.power(n), denominator: denominator.power(n))
  }
}

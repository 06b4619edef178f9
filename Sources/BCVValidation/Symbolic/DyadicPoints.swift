import BCVNumerics

/// Rational points chosen so that they are, as far as possible, exactly representable
/// doubles: a counterexample must be reported as `[Double]` that are exactly the rational
/// point where the violation was established.
enum DyadicPoints {
  /// The dyadic rational m/2^k in [lower, upper] with the least k ≥ 0, and among those
  /// the one closest to zero (zero itself when it lies in the interval).
  ///
  /// Requires lower < upper. Some k works as soon as 2^−k ≤ upper − lower, and whether k
  /// works is monotone in k, so the least k is found by bisection.
  static func simplest(in lower: Rational, _ upper: Rational) -> Rational {
    precondition(lower < upper, "simplest dyadic in an empty or point interval [\(lower), \(upper)]")
    if lower.signum() <= 0 && upper.signum() >= 0 { return 0 }
    // The integers m with lower ≤ m/2^k ≤ upper, as a closed range (empty when low > high).
    func candidates(_ k: Int) -> (low: BigInt, high: BigInt) {
      let scale = Rational(BigInt(1) << k)
      return ((lower * scale).ceiling(), (upper * scale).floor())
    }
    // width ≥ 2^(bits(num) − 1 − bits(den)), so k = max(0, bits(den) − bits(num) + 1) works.
    let width = upper - lower
    var high = max(0, width.denominator.bitLength - width.numerator.bitLength + 1)
    var low = 0
    while low < high {
      let middle = (low + high) / 2
      let range = candidates(middle)
      if range.low <= range.high { high = middle } else { low = middle + 1 }
    }
    let range = candidates(low)
    return Rational(lower.signum() > 0 ? range.low : range.high, BigInt(1) << low)
  }

  /// The point at which a side is split and tested: the simplest dyadic rational in its
  /// middle half [lower + w/4, upper − w/4] (w the width), or the bound itself for a side
  /// of zero width. Keeping it in the middle half guarantees each part has at most 3/4
  /// of the width; preferring simple dyadics keeps points exact doubles and puts them on
  /// round values such as 0, where tangencies of zero-margin cases typically lie.
  static func splitPoint(of bounds: Bounds) -> Rational {
    let width = bounds.upper - bounds.lower
    if width.isZero { return bounds.lower }
    let quarter = width * Rational(1, 4)
    return simplest(in: bounds.lower + quarter, bounds.upper - quarter)
  }

  /// The double equal to `value`, or nil when no double is exactly equal to it.
  static func exactDouble(_ value: Rational) -> Double? {
    let d = value.doubleValue
    guard d.isFinite, let back = Rational(exactly: d), back == value else { return nil }
    return d
  }

  /// The doubles equal to every coordinate of `point`, or nil when one has none.
  static func exactDoubles(_ point: [Rational]) -> [Double]? {
    var result: [Double] = []
    result.reserveCapacity(point.count)
    for x in point {
      guard let d = exactDouble(x) else { return nil }
      result.append(d)
    }
    return result
  }
}

/// Summary statistics of a sample of timings.
///
/// Every function is total: on input too small to define the statistic (an empty sample,
/// or fewer than two values for a standard deviation) it returns `nil` rather than NaN or
/// a trap, so a caller must decide what "no data" means. Values are assumed to be free of
/// NaN (order statistics sort with `<`, for which NaN has no place); infinities are
/// ordered as usual but make means and spreads infinite or NaN.
///
/// No intermediate result overflows: for finite values every statistic whose true value
/// is representable is returned finite (median([−1e308, 1e308]) is 0), whatever the
/// magnitudes; see each function for its accuracy.
public enum Descriptive {
  /// The sample median: the middle value, or the mean of the two middle values.
  /// `nil` when `values` is empty.
  public static func median(_ values: [Double]) -> Double? {
    quantile(values, 0.5)
  }

  /// The `p`-quantile by linear interpolation between order statistics, Hyndman and
  /// Fan's type 7 (R's and NumPy's default): with the sorted values x₀ … xₙ₋₁ and
  /// h = (n − 1)p, the result is x⌊h⌋ + (h − ⌊h⌋)(x⌊h⌋₊₁ − x⌊h⌋).
  /// `nil` when `values` is empty or `p` is not in [0, 1].
  ///
  /// The interpolation never overflows: when x⌊h⌋₊₁ − x⌊h⌋ would exceed the largest
  /// double it is done on the halved values and doubled back (exact scalings at such
  /// magnitudes). The result lies in [x⌊h⌋, x⌊h⌋₊₁] and is within a few units in the
  /// last place of max(|x⌊h⌋|, |x⌊h⌋₊₁|) of the exact interpolant. Interpolating towards
  /// an infinity gives that infinity (NaN between −∞ and +∞).
  public static func quantile(_ values: [Double], _ p: Double) -> Double? {
    quantile(sorted: values.sorted(), p)
  }

  /// `quantile(_:_:)` on values already sorted ascending, without sorting again.
  static func quantile(sorted: [Double], _ p: Double) -> Double? {
    guard !sorted.isEmpty, p >= 0, p <= 1 else { return nil }
    let h = Double(sorted.count - 1) * p
    let lower = Int(h.rounded(.down))
    let fraction = h - Double(lower)
    guard fraction > 0, lower + 1 < sorted.count else { return sorted[lower] }
    return interpolate(sorted[lower], sorted[lower + 1], fraction)
  }

  /// a + f·(b − a) for a ≤ b and f in (0, 1), without overflow, clamped to [a, b].
  static func interpolate(_ a: Double, _ b: Double, _ f: Double) -> Double {
    guard a != b else { return a }
    guard a.isFinite, b.isFinite else { return a.isFinite ? b : (b.isFinite ? a : .nan) }
    let difference = b - a
    let value = difference.isFinite ? a + f * difference : 2 * (a / 2 + f * (b / 2 - a / 2))
    return min(max(value, a), b)
  }

  /// The interquartile range Q(0.75) − Q(0.25), both by type 7; `nil` when empty.
  public static func interquartileRange(_ values: [Double]) -> Double? {
    let sorted = values.sorted()
    guard let q1 = quantile(sorted: sorted, 0.25), let q3 = quantile(sorted: sorted, 0.75) else { return nil }
    return q3 - q1
  }

  /// The factor that makes the median absolute deviation a consistent estimator of the
  /// standard deviation for normally distributed data: 1 / Φ⁻¹(3/4) ≈ 1.4826.
  public static let madNormalConsistency = 1.4826

  /// The median absolute deviation from the median, median(|xᵢ − median(x)|).
  ///
  /// Unscaled by default; with `scaled: true` it is multiplied by
  /// `madNormalConsistency`, estimating σ for normal data while staying robust to up to
  /// half the values being outliers. `nil` when `values` is empty.
  ///
  /// Finite for finite values whenever the true MAD is: deviations too large for a
  /// double are taken on the halved values and the median of those is doubled.
  public static func medianAbsoluteDeviation(_ values: [Double], scaled: Bool = false) -> Double? {
    guard let center = median(values) else { return nil }
    var deviations = values.map { abs($0 - center) }
    var factor = 1.0
    if center.isFinite, values.allSatisfy(\.isFinite), deviations.contains(where: { !$0.isFinite }) {
      deviations = values.map { abs($0 / 2 - center / 2) }
      factor = 2
    }
    guard let mad = median(deviations) else { return nil }
    return scaled ? factor * (mad * madNormalConsistency) : factor * mad
  }

  /// The arithmetic mean; `nil` when `values` is empty.
  ///
  /// The sum is compensated (Neumaier), so for values that do not cancel heavily the
  /// result is within a couple of units in the last place of the true mean; if the
  /// plain sum would overflow, the values are first scaled by a power of two (exactly,
  /// except for subnormal values, which then lose at most 2⁻¹⁰⁷⁴ each), so the mean of
  /// finite values is always finite.
  public static func mean(_ values: [Double]) -> Double? {
    guard !values.isEmpty else { return nil }
    let count = Double(values.count)
    let sum = compensatedSum(values)
    if sum.isFinite || !values.allSatisfy(\.isFinite) { return sum / count }
    // n·max|x| fits after scaling by 2^−(⌈log₂ n⌉ + 1).
    let shift = Int(count.exponent) + 2
    let scale = Double(sign: .plus, exponent: -shift, significand: 1)
    let scaled = compensatedSum(values.map { $0 * scale }) / count
    return scaled * Double(sign: .plus, exponent: shift, significand: 1)
  }

  /// The sample standard deviation, with the n − 1 (Bessel) denominator, computed from
  /// deviations d about the mean by the corrected two-pass formula Σd² − (Σd)²/n (no
  /// catastrophic cancellation, and exact to a few ulps even when the spread is a unit
  /// in the last place of the mean), on values
  /// scaled by a power of two near their largest magnitude so that neither the
  /// deviations nor their squares overflow or underflow. Finite for finite values
  /// whenever the true value is representable. `nil` when there are fewer than two values.
  public static func standardDeviation(_ values: [Double]) -> Double? {
    guard values.count >= 2 else { return nil }
    let largest = values.reduce(0) { max($0, abs($1)) }
    guard largest.isFinite, largest > 0 else { return largest == 0 ? 0 : .nan }
    // x · 2^e by `init(sign:exponent:significand:)`: no intermediate 2^e that could overflow.
    let shift = Int(largest.exponent)
    let scaled = values.map { Double(sign: .plus, exponent: -shift, significand: $0) }
    guard let m = mean(scaled) else { return nil }
    // Corrected two-pass: subtracting (Σd)²/n removes the error of the rounded mean.
    let deviations = scaled.map { $0 - m }
    let drift = compensatedSum(deviations)
    let squares = max(0, compensatedSum(deviations.map { $0 * $0 }) - drift * drift / Double(values.count))
    return Double(sign: .plus, exponent: shift, significand: (squares / Double(values.count - 1)).squareRoot())
  }

  /// Σ values with Neumaier's compensation (error about one rounding of the result plus
  /// n·ε²·Σ|x|).
  static func compensatedSum(_ values: [Double]) -> Double {
    var sum = 0.0, compensation = 0.0
    for x in values {
      let t = sum + x
      compensation += abs(sum) >= abs(x) ? (sum - t) + x : (x - t) + sum
      sum = t
    }
    return sum + compensation
  }

  /// median(candidate) / median(baseline), the effect size the regression gate
  /// thresholds: 1.10 means the candidate's typical time is 10% longer.
  /// `nil` when either sample is empty or the baseline median is not positive (timings
  /// are assumed positive).
  public static func ratioOfMedians(_ candidate: [Double], _ baseline: [Double]) -> Double? {
    guard let c = median(candidate), let b = median(baseline), b > 0 else { return nil }
    return c / b
  }
}

/// Summary statistics of a sample of timings.
///
/// Every function is total: on input too small to define the statistic (an empty sample,
/// or fewer than two values for a standard deviation) it returns `nil` rather than NaN or
/// a trap, so a caller must decide what "no data" means. Values are assumed to be free of
/// NaN (order statistics sort with `<`, for which NaN has no place); infinities are
/// ordered as usual but make means and spreads infinite or NaN.
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
    return sorted[lower] + fraction * (sorted[lower + 1] - sorted[lower])
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
  public static func medianAbsoluteDeviation(_ values: [Double], scaled: Bool = false) -> Double? {
    guard let center = median(values), let mad = median(values.map { abs($0 - center) }) else { return nil }
    return scaled ? mad * madNormalConsistency : mad
  }

  /// The arithmetic mean; `nil` when `values` is empty.
  public static func mean(_ values: [Double]) -> Double? {
    guard !values.isEmpty else { return nil }
    return values.reduce(0, +) / Double(values.count)
  }

  /// The sample standard deviation, with the n − 1 (Bessel) denominator, computed from
  /// deviations about the mean (two passes, so no catastrophic cancellation).
  /// `nil` when there are fewer than two values.
  public static func standardDeviation(_ values: [Double]) -> Double? {
    guard values.count >= 2, let m = mean(values) else { return nil }
    let squares = values.reduce(0) { $0 + ($1 - m) * ($1 - m) }
    return (squares / Double(values.count - 1)).squareRoot()
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

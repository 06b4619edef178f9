import BCVNumerics

/// Bootstrap confidence intervals for the effect the gate reports.
public enum Bootstrap {
  /// A percentile-bootstrap confidence interval for median(candidate) / median(baseline).
  ///
  /// Each of `resamples` replicates draws both samples independently with replacement,
  /// at their own sizes, and takes the ratio of their medians; the interval runs from
  /// the (1 − confidence)/2 to the (1 + confidence)/2 quantile (type 7) of those ratios.
  /// The draws come from `SeededGenerator(seed: seed)`, so the same inputs and seed give
  /// the same interval on every machine.
  ///
  /// Assumptions and limits: the repetitions are independent within each side. With few
  /// repetitions the resampled medians take only a handful of values, so the interval is
  /// coarse and covers the true ratio less often than `confidence` says (the percentile
  /// bootstrap of a median needs roughly 8 or more values per side to be trustworthy);
  /// below that, treat it as a description of the spread, not as a test.
  ///
  /// `nil` when either sample is empty or holds a value that is not finite and positive
  /// (timings are positive), when `confidence` is not strictly between 0 and 1, or when
  /// `resamples` is less than 1.
  public static func ratioOfMediansInterval(
    candidate: [Double], baseline: [Double], confidence: Double = 0.95, resamples: Int = 2000, seed: UInt64
  ) -> ClosedRange<Double>? {
    let valid = { (values: [Double]) in !values.isEmpty && values.allSatisfy { $0.isFinite && $0 > 0 } }
    guard valid(candidate), valid(baseline), confidence > 0, confidence < 1, resamples >= 1 else { return nil }
    var generator = SeededGenerator(seed: seed)
    var ratios: [Double] = []
    ratios.reserveCapacity(resamples)
    for _ in 0..<resamples {
      let c = resampledMedian(candidate, using: &generator)
      let b = resampledMedian(baseline, using: &generator)
      ratios.append(c / b)
    }
    ratios.sort()
    guard let low = Descriptive.quantile(sorted: ratios, (1 - confidence) / 2),
          let high = Descriptive.quantile(sorted: ratios, (1 + confidence) / 2) else { return nil }
    return low...high
  }

  /// The median of a same-size sample drawn with replacement from non-empty `values`.
  private static func resampledMedian(_ values: [Double], using generator: inout SeededGenerator) -> Double {
    let draw = (0..<values.count).map { _ in values[generator.nextInt(below: values.count)] }.sorted()
    let middle = draw.count / 2
    return draw.count % 2 == 1 ? draw[middle] : (draw[middle - 1] + draw[middle]) / 2
  }
}

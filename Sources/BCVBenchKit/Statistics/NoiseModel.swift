/// The run-to-run noise of a job, measured from A/A repetitions (the same build timed
/// several times), so that a regression threshold can be "k × measured noise" rather
/// than a guessed percentage.
///
/// The noise is relative: the scaled median absolute deviation divided by the median,
/// a robust coefficient of variation (for normal noise it estimates σ/μ, and one slow
/// repetition barely moves it). It describes a single repetition. A ratio of medians of
/// n against n repetitions varies less, by roughly 1.25·√2/√n (about 1 at n = 3, 0.8
/// at n = 5), so thresholds built from it are about right at 3 repetitions and
/// conservative beyond.
///
/// With few repetitions the estimate itself is rough and biased low: for normal noise
/// and 3 repetitions its median is about half the true value and one time in ten it is
/// below a tenth of it (at 5 repetitions: three quarters, and a quarter; at 10: 0.9 and
/// a half). Pool the models of comparable jobs with `init(pooling:)` where possible.
public struct NoiseModel: Sendable, Equatable {
  /// Scaled MAD / median of the repetitions; 0.02 means a typical deviation of 2%.
  public var relativeNoise: Double
  /// How many repetitions the estimate rests on.
  public var repetitions: Int

  public init(relativeNoise: Double, repetitions: Int) {
    self.relativeNoise = relativeNoise
    self.repetitions = repetitions
  }

  /// The noise of one job from its A/A repetitions. `nil` with fewer than two
  /// repetitions or if any is not finite and positive (timings are positive).
  public init?(repetitions values: [Double]) {
    guard values.count >= 2, values.allSatisfy({ $0.isFinite && $0 > 0 }),
          let median = Descriptive.median(values),
          let mad = Descriptive.medianAbsoluteDeviation(values, scaled: true) else { return nil }
    self.init(relativeNoise: mad / median, repetitions: values.count)
  }

  /// One model for several comparable jobs (for example all jobs of one strategy on one
  /// machine): the median of their relative noises, robust to a job whose few
  /// repetitions happened to be unusually spread or unusually tight. `nil` when `models`
  /// is empty.
  public init?(pooling models: [NoiseModel]) {
    guard let median = Descriptive.median(models.map(\.relativeNoise)) else { return nil }
    self.init(relativeNoise: median, repetitions: models.reduce(0) { $0 + $1.repetitions })
  }

  /// The relative slowdown, k × `relativeNoise`, beyond which a change is more than k
  /// typical run-to-run deviations: flag when median(candidate) / median(baseline)
  /// exceeds 1 + threshold. A job whose repetitions were identical has threshold 0, so
  /// callers should keep a floor (such as the gate's default 10%) with `max`.
  public func threshold(multiple k: Double) -> Double {
    k * relativeNoise
  }
}

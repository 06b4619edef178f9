/// The Wilcoxon signed-rank test of paired differences: do they tend to be above zero?
///
/// Used by the gate across the jobs of one strategy: with d = log(candidate median /
/// baseline median) per job, a strategy-wide slowdown shows as many positive d, which a
/// per-job rank test on a handful of repetitions cannot see.
///
/// Conventions:
/// - **Zeros are dropped** (Wilcoxon's convention, as R's `wilcox.test`): a difference
///   with |d| ≤ `tieTolerance` counts as zero, and non-finite differences are dropped too.
///   `count` is the number of differences left.
/// - **Ties** of |d| share their mid-rank. |d| values are grouped in ascending order: a
///   group starts at its smallest |d| and takes every following |d| at most
///   `tieTolerance` above that start. The default, 1e-9, makes log ratios of equal ratios
///   that differ only by rounding (a few units in the last place) tie, while real
///   differences of timings recorded to nanoseconds or a few significant digits stay
///   apart. Pass 0 to tie only bit-identical values, or round the differences yourself.
/// - **Exact** (`isExact == true`) for at most `exactLimit` non-zero differences: the
///   p-value is the tail probability of the doubled mid-rank sum of the positive
///   differences under all 2ⁿ equally likely sign flips, conditional on the tie pattern,
///   counted exactly in integers (at most 2⁵⁰) and compared with the observed sum as an
///   integer. Beyond it, the normal approximation with tie correction
///   (variance n(n + 1)(2n + 1)/24 − Σ(t³ − t)/48) and a continuity correction of ½.
///   Measured against the exact p-value at 51 to 60 differences: absolute error below
///   0.005 for untied differences, and for tied ones where the exact p is at most 0.1;
///   up to 0.02 nearer the centre when the |d| take only a handful of values (the tests
///   enforce 0.005 and 0.025).
/// - Two-sided: twice the smaller one-sided p-value, capped at 1.
public enum WilcoxonSignedRank {
  public struct Result: Sendable, Equatable {
    /// Sum of the (mid-)ranks of the positive differences.
    public var wPlus: Double
    /// The p-value for the requested alternative; for `greater(_:)`, one-sided for
    /// "the differences tend to be positive".
    public var pValue: Double
    /// The number of non-zero differences used.
    public var count: Int
    /// Whether `pValue` comes from the exact sign-flip distribution (true) or from the
    /// normal approximation (false).
    public var isExact: Bool
  }

  /// The largest number of non-zero differences for which the exact distribution is used.
  public static let exactLimit = 50

  /// The default tolerance below which two |d| tie and a |d| counts as zero.
  public static let defaultTieTolerance = 1e-9

  /// One-sided test that the differences tend to be positive; see the type's conventions.
  /// No non-zero differences gives wPlus = 0, p = 1, count = 0.
  public static func greater(_ differences: [Double], tieTolerance: Double = defaultTieTolerance) -> Result {
    test(differences, alternative: .greater, tieTolerance: tieTolerance)
  }

  /// Tests whether the differences tend to be positive (`.greater`), negative (`.less`)
  /// or either; see the type's conventions.
  public static func test(
    _ differences: [Double], alternative: MannWhitney.Alternative, tieTolerance: Double = defaultTieTolerance
  ) -> Result {
    let tolerance = tieTolerance.isFinite ? max(0, tieTolerance) : 0
    let d = differences.filter { $0.isFinite && abs($0) > tolerance }
    let n = d.count
    guard n > 0 else { return Result(wPlus: 0, pValue: 1, count: 0, isExact: n <= exactLimit) }
    let ranks = doubledMidRanks(d.map(abs), tolerance: tolerance)
    let doubledW = d.indices.filter { d[$0] > 0 }.reduce(0) { $0 + ranks.doubled[$1] }
    let wPlus = Double(doubledW) / 2

    if n <= exactLimit {
      let (upper, lower) = MannWhitney.tails(exactDoubledSumCounts(ranks.doubled), observed: doubledW)
      return Result(wPlus: wPlus, pValue: MannWhitney.combine(upper, lower, alternative), count: n, isExact: true)
    }
    let nn = Double(n)
    let deviation = wPlus - nn * (nn + 1) / 4
    let sigma = (nn * (nn + 1) * (2 * nn + 1) / 24 - ranks.tieSum / 48).squareRoot()
    let p: Double
    switch alternative {
    case .greater: p = MannWhitney.normalUpperTail((deviation - 0.5) / sigma)
    case .less: p = MannWhitney.normalUpperTail(-(deviation + 0.5) / sigma)
    case .twoSided: p = min(1, 2 * MannWhitney.normalUpperTail((abs(deviation) - 0.5) / sigma))
    }
    return Result(wPlus: wPlus, pValue: p, count: n, isExact: false)
  }

  /// The smallest p-value the exact test can return for `n` non-zero differences, with or
  /// without ties: all differences positive is the only sign pattern with the largest
  /// rank sum, so 1/2ⁿ one-sided and 2/2ⁿ two-sided (capped at 1); 1 when n ≤ 0. With
  /// 4 jobs that is 1/16 = 0.0625, so a strategy of 4 jobs can never reach α = 0.05;
  /// 5 jobs reach 0.03125, 7 jobs 0.0078. Beyond `exactLimit` the approximation is used,
  /// whose p-values are not bounded by this.
  public static func smallestAttainablePValue(n: Int, alternative: MannWhitney.Alternative = .greater) -> Double {
    guard n > 0 else { return 1 }
    let oneSided = Double(sign: .plus, exponent: -n, significand: 1)  // 2⁻ⁿ, exact down to 2⁻¹⁰⁷⁴
    return alternative == .twoSided ? min(1, 2 * oneSided) : oneSided
  }

  /// Doubled mid-ranks (integers) of the non-negative `magnitudes`, tying values as the
  /// type describes, and Σ(t³ − t) over tie groups.
  static func doubledMidRanks(_ magnitudes: [Double], tolerance: Double) -> (doubled: [Int], tieSum: Double) {
    let order = magnitudes.indices.sorted { magnitudes[$0] < magnitudes[$1] }
    var doubled = [Int](repeating: 0, count: magnitudes.count)
    var tieSum = 0.0
    var i = 0
    while i < order.count {
      var j = i
      while j + 1 < order.count, magnitudes[order[j + 1]] - magnitudes[order[i]] <= tolerance { j += 1 }
      for k in i...j { doubled[order[k]] = i + j + 2 }
      let t = Double(j - i + 1)
      tieSum += t * t * t - t
      i = j + 1
    }
    return (doubled, tieSum)
  }

  /// Counts of the doubled positive-rank sum over all 2ⁿ sign patterns: the coefficients
  /// of ∏ᵢ (1 + q^rᵢ) for the doubled ranks rᵢ. Exact integers, at most 2ⁿ ≤ 2⁵⁰.
  static func exactDoubledSumCounts(_ doubledRanks: [Int]) -> [Int] {
    var counts = [Int](repeating: 0, count: doubledRanks.reduce(0, +) + 1)
    counts[0] = 1
    var reach = 0
    for r in doubledRanks {
      for s in stride(from: reach, through: 0, by: -1) where counts[s] != 0 { counts[s + r] += counts[s] }
      reach += r
    }
    return counts
  }
}

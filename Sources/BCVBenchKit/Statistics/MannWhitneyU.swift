import Foundation

/// The outcome of a Mann–Whitney U (Wilcoxon rank-sum) test of `x` against `y`.
public struct MannWhitneyResult: Sendable, Equatable {
  /// U for `x`: the number of pairs (xᵢ, yⱼ) with xᵢ > yⱼ, ties counting one half.
  /// It lies in [0, m·n] and equals R's `wilcox.test` statistic W.
  public var u: Double
  /// The p-value for the requested alternative, in [0, 1].
  public var pValue: Double
  /// The common-language effect size P(X > Y) + ½P(X = Y), estimated as u / (m·n):
  /// 0.5 means no tendency, 1 means every x exceeds every y.
  public var effect: Double
  /// Whether `pValue` comes from the exact null distribution of U (true) or from the
  /// normal approximation (false); see `MannWhitney.test`.
  public var isExact: Bool

  public init(u: Double, pValue: Double, effect: Double, isExact: Bool) {
    self.u = u
    self.pValue = pValue
    self.effect = effect
    self.isExact = isExact
  }
}

/// The Mann–Whitney U test: does one sample tend to take larger values than another?
///
/// Assumptions: within each sample the values are independent and identically
/// distributed, and the samples are independent of each other. Under the null hypothesis
/// both samples come from the same distribution; the test is sensitive to shifts
/// (stochastic ordering), not to a change of spread alone. It makes no normality
/// assumption, so one slow repetition cannot dominate it the way it dominates a t-test.
///
/// **Few repetitions.** With m and n values and no ties the smallest attainable
/// one-sided p-value is 1 / C(m + n, m) (`smallestAttainablePValue`), reached only by
/// complete separation. For 3 against 3 that is 1/20 = 0.05 exactly: a gate that asks
/// for p < 0.05 can never fire, one that asks for p ≤ 0.05 fires on every complete
/// separation (which happens by chance once in 20 null comparisons), and after a
/// multiple-testing correction over J > 1 jobs nothing can ever be significant. So with
/// 3 repetitions either test at α ≥ 0.05 on a single job, or take more repetitions:
/// 5 against 5 gives 1/252 ≈ 0.004 (Holm at 0.05 can then still reject among up to 12
/// jobs), 10 against 10 gives 1/184756 ≈ 5.4 × 10⁻⁶.
public enum MannWhitney {
  /// Which departure from the null hypothesis the p-value measures.
  public enum Alternative: Sendable, Equatable {
    /// `x` tends to be larger than `y` (for timings: the candidate `x` is slower).
    case greater
    /// `x` tends to be smaller than `y`.
    case less
    /// Either direction.
    case twoSided
  }

  /// The largest sample size for which the exact distribution is used (both samples).
  public static let exactLimit = 30

  /// Tests whether `x` tends to be larger than, smaller than or different from `y`.
  ///
  /// Ranks are taken over the pooled sample, tied values sharing their mid-rank.
  ///
  /// - The p-value is **exact** (`isExact == true`) when both samples have at most
  ///   `exactLimit` values and no value occurs twice in the pooled sample: it is then the
  ///   tail probability of U under the null distribution, counted exactly by dynamic
  ///   programming over the Gaussian binomial coefficients. A two-sided p-value is twice
  ///   the smaller tail, capped at 1.
  /// - Otherwise it comes from the **normal approximation** with mean m·n/2, the
  ///   variance corrected for ties, (m·n/12)·(m + n + 1 − Σ(t³ − t) / ((m + n)(m + n − 1)))
  ///   over tie groups of size t, and a continuity correction of ½, as R's
  ///   `wilcox.test(correct = TRUE)`. Its absolute error is below 0.01 from 5 values
  ///   per side (below 0.02 at 3), but far in the tail (p well under 0.01, where
  ///   multiple-testing corrections look) its relative error can be large, so timings
  ///   should be recorded finely enough not to tie.
  ///
  /// Degenerate inputs: if either sample is empty, or every pooled value is equal, there
  /// is no evidence either way and the result is u = ½·m·n, p = 1, effect = 0.5.
  /// Values are assumed to be free of NaN.
  public static func test(_ x: [Double], _ y: [Double], alternative: Alternative) -> MannWhitneyResult {
    let m = x.count, n = y.count
    guard m > 0, n > 0 else { return MannWhitneyResult(u: 0, pValue: 1, effect: 0.5, isExact: false) }
    let ranking = PooledRanking(x, y)
    let mn = Double(m * n)
    let u = ranking.rankSumOfFirst - Double(m * (m + 1)) / 2
    let effect = u / mn

    if m <= exactLimit, n <= exactLimit, !ranking.hasTies {
      let distribution = exactDistribution(m, n)
      let observed = Int(u.rounded())
      let total = distribution.reduce(0, +)
      let upper = Double(distribution[observed...].reduce(0, +)) / Double(total)
      let lower = Double(distribution[...observed].reduce(0, +)) / Double(total)
      let p: Double
      switch alternative {
      case .greater: p = upper
      case .less: p = lower
      case .twoSided: p = min(1, 2 * min(upper, lower))
      }
      return MannWhitneyResult(u: u, pValue: p, effect: effect, isExact: true)
    }

    let pooled = Double(m + n)
    let variance = mn / 12 * ((pooled + 1) - ranking.tieSum / (pooled * (pooled - 1)))
    guard variance > 0 else { return MannWhitneyResult(u: mn / 2, pValue: 1, effect: 0.5, isExact: false) }
    let sigma = variance.squareRoot()
    let d = u - mn / 2
    let p: Double
    switch alternative {
    case .greater: p = normalUpperTail((d - 0.5) / sigma)
    case .less: p = normalUpperTail(-(d + 0.5) / sigma)
    case .twoSided: p = min(1, 2 * normalUpperTail((abs(d) - 0.5) / sigma))
    }
    return MannWhitneyResult(u: u, pValue: p, effect: effect, isExact: false)
  }

  /// The smallest p-value the exact test can return for samples of `m` and `n` distinct
  /// values: 1 / C(m + n, m) one-sided, twice that two-sided (capped at 1). A gate can
  /// compare it with its significance level to know beforehand whether a job can ever
  /// be flagged. 1 when either sample is empty.
  public static func smallestAttainablePValue(_ m: Int, _ n: Int, alternative: Alternative) -> Double {
    guard m > 0, n > 0 else { return 1 }
    var arrangements = 1.0
    for i in 1...min(m, n) { arrangements = arrangements * Double(max(m, n) + i) / Double(i) }
    let oneSided = 1 / arrangements
    return alternative == .twoSided ? min(1, 2 * oneSided) : oneSided
  }

  /// The null distribution of U for sample sizes m and n without ties, as counts: entry
  /// u is the number of the C(m + n, m) equally likely rank arrangements with U = u.
  ///
  /// These are the coefficients of the Gaussian binomial [m + n choose m]_q =
  /// ∏ᵢ₌₁…ₘ (1 − q^(n+i)) / (1 − q^i), built one factor at a time; every intermediate
  /// polynomial is itself a Gaussian binomial, so all counts are exact integers bounded
  /// by C(60, 30) < 2⁶³ within `exactLimit`. Cost O(m²·n).
  static func exactDistribution(_ m: Int, _ n: Int) -> [Int] {
    var counts = [Int](repeating: 0, count: m * n + m + 1)
    counts[0] = 1
    for i in 1...m {
      let up = n + i
      for k in stride(from: counts.count - 1, through: up, by: -1) { counts[k] -= counts[k - up] }
      for k in i..<counts.count { counts[k] += counts[k - i] }
    }
    return Array(counts[0...(m * n)])
  }

  /// P(Z ≥ z) for a standard normal Z, accurate in the far tail (no 1 − Φ cancellation).
  static func normalUpperTail(_ z: Double) -> Double {
    0.5 * erfc(z / 2.0.squareRoot())
  }
}

/// Mid-ranks of two samples pooled together.
private struct PooledRanking {
  /// The sum of the mid-ranks (1-based) of the first sample's values.
  var rankSumOfFirst = 0.0
  /// Σ(t³ − t) over groups of t equal pooled values; 0 when all are distinct.
  var tieSum = 0.0
  var hasTies: Bool { tieSum > 0 }

  init(_ x: [Double], _ y: [Double]) {
    let pooled = (x.map { ($0, true) } + y.map { ($0, false) }).sorted { $0.0 < $1.0 }
    var start = 0
    while start < pooled.count {
      var end = start + 1
      while end < pooled.count, pooled[end].0 == pooled[start].0 { end += 1 }
      let t = Double(end - start)
      let midRank = Double(start + 1 + end) / 2
      for k in start..<end where pooled[k].1 { rankSumOfFirst += midRank }
      tieSum += t * t * t - t
      start = end
    }
  }
}

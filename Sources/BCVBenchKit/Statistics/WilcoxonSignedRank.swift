/// The Wilcoxon signed-rank test of paired differences: do they tend to be above zero?
///
/// Used by the gate across the jobs of one strategy: with d = log(candidate median /
/// baseline median) per job, a strategy-wide slowdown shows as many positive d, which a
/// per-job rank test on a handful of repetitions cannot see. Zeros are dropped; ties get
/// mid-ranks; the p-value is the normal approximation with tie and continuity corrections
/// (valid for 10 or more non-zero differences; with fewer it is conservative-ish and the
/// gate treats it as advice, like any p-value).
public enum WilcoxonSignedRank {
  public struct Result: Sendable, Equatable {
    /// Sum of the ranks of the positive differences.
    public var wPlus: Double
    /// One-sided p-value for "the differences tend to be positive".
    public var pValue: Double
    /// The number of non-zero differences used.
    public var count: Int
  }

  public static func greater(_ differences: [Double]) -> Result {
    let d = differences.filter { $0 != 0 && $0.isFinite }
    let n = d.count
    guard n > 0 else { return Result(wPlus: 0, pValue: 1, count: 0) }
    let order = d.indices.sorted { abs(d[$0]) < abs(d[$1]) }
    var ranks = [Double](repeating: 0, count: n)
    var tieCorrection = 0.0
    var i = 0
    while i < n {
      var j = i
      while j + 1 < n && abs(d[order[j + 1]]) == abs(d[order[i]]) { j += 1 }
      let rank = Double(i + j + 2) / 2
      for k in i...j { ranks[order[k]] = rank }
      let t = Double(j - i + 1)
      tieCorrection += t * t * t - t
      i = j + 1
    }
    let wPlus = d.indices.filter { d[$0] > 0 }.reduce(0.0) { $0 + ranks[$1] }
    let nn = Double(n)
    let mean = nn * (nn + 1) / 4
    let variance = nn * (nn + 1) * (2 * nn + 1) / 24 - tieCorrection / 48
    guard variance > 0 else { return Result(wPlus: wPlus, pValue: wPlus > mean ? 0 : 1, count: n) }
    let z = (wPlus - mean - 0.5) / variance.squareRoot()
    return Result(wPlus: wPlus, pValue: MannWhitney.normalUpperTail(z), count: n)
  }
}

extension WilcoxonSignedRank {
  /// The smallest one-sided p-value for n non-zero differences: 1/2ⁿ (all positive).
  public static func smallestAttainablePValue(n: Int) -> Double {
    n > 0 ? 1 / Double(sign: .plus, exponent: n, significand: 1) : 1
  }
}

import BCVNumerics

/// Corrections for testing many jobs at once, so that a gate over hundreds of jobs does
/// not raise a false alarm on some job nearly every run.
///
/// Every function takes the p-values in any order and answers in the same order. A NaN
/// p-value is treated as 1 and values outside [0, 1] are clamped; all of them still
/// count towards the number of tests m. Ties among p-values do not affect the result.
/// A level α (or q) of 1 or more rejects every hypothesis; a NaN level rejects none.
///
/// Both procedures can reject the smallest p-value only if it is at most α/m (Holm) or
/// q/m (Benjamini–Hochberg, when only one job really changed), so the number of
/// repetitions per job must make such p-values attainable; see `MannWhitney`.
///
/// The decisions `holm` and `benjaminiHochberg` compare each p-value with its threshold
/// exactly: the decision p ≤ α·j/m (Benjamini–Hochberg; p ≤ α/(m − j + 1) for Holm) is
/// made exactly on the given doubles (as p·m ≤ α·j, or p·(m − j + 1) ≤ α, in rational
/// arithmetic), so a p-value lying exactly on a threshold is rejected and
/// one a unit in the last place above it is not, whatever rounding α·j/m would suffer.
/// The adjusted p-values are computed in floating point and can differ from the exact
/// ones by a few units in the last place, so near a knife edge `holmAdjusted(p)[i] <= α`
/// may disagree with `holm(p, alpha: α)[i]`; the latter is the decision.
public enum MultipleTesting {
  /// Holm's step-down procedure: which hypotheses to reject while keeping the
  /// family-wise error rate (the chance of any false alarm) at most `alpha`, under any
  /// dependence between the tests. Uniformly more powerful than Bonferroni.
  ///
  /// Step-down: with the p-values sorted ascending, the j-th smallest (1-based) is
  /// rejected while p₍ᵢ₎·(m − i + 1) ≤ α holds exactly for every i ≤ j.
  public static func holm(_ pValues: [Double], alpha: Double) -> [Bool] {
    var rejected = [Bool](repeating: false, count: pValues.count)
    let m = pValues.count
    for (rank, index) in ascendingOrder(pValues).enumerated() {
      guard exactlyAtMost(sanitized(pValues[index]), times: m - rank, threshold: alpha, times: 1) else { break }
      rejected[index] = true
    }
    return rejected
  }

  /// Holm-adjusted p-values: with the p-values sorted ascending p₍₁₎ ≤ … ≤ p₍ₘ₎,
  /// p̃₍ᵢ₎ = maxⱼ≤ᵢ min(1, (m − j + 1)·p₍ⱼ₎). Rejecting where p̃ ≤ α is Holm's procedure
  /// at level α. As R's `p.adjust(method = "holm")`.
  public static func holmAdjusted(_ pValues: [Double]) -> [Double] {
    let m = Double(pValues.count)
    var adjusted = [Double](repeating: 1, count: pValues.count)
    var running = 0.0
    for (rank, index) in ascendingOrder(pValues).enumerated() {
      running = max(running, min(1, (m - Double(rank)) * sanitized(pValues[index])))
      adjusted[index] = running
    }
    return adjusted
  }

  /// The Benjamini–Hochberg step-up procedure: which hypotheses to reject while keeping
  /// the false discovery rate (the expected share of false alarms among the flagged
  /// jobs) at most `q`. Valid for independent tests and for positively dependent ones
  /// (PRDS), which covers jobs slowed together by a shared noisy machine. More powerful
  /// than Holm when many jobs change at once.
  ///
  /// Step-up: with the p-values sorted ascending, the largest j with p₍ⱼ₎·m ≤ q·j
  /// (decided exactly) is found, and the j smallest are rejected.
  public static func benjaminiHochberg(_ pValues: [Double], q: Double) -> [Bool] {
    var rejected = [Bool](repeating: false, count: pValues.count)
    let order = ascendingOrder(pValues), m = pValues.count
    guard let last = order.indices.last(where: {
      exactlyAtMost(sanitized(pValues[order[$0]]), times: m, threshold: q, times: $0 + 1)
    }) else { return rejected }
    for index in order[...last] { rejected[index] = true }
    return rejected
  }

  /// Benjamini–Hochberg adjusted p-values (q-values): with the p-values sorted ascending,
  /// p̃₍ᵢ₎ = minⱼ≥ᵢ min(1, m·p₍ⱼ₎ / j). Rejecting where p̃ ≤ q is the BH procedure at
  /// level q. As R's `p.adjust(method = "BH")`.
  public static func benjaminiHochbergAdjusted(_ pValues: [Double]) -> [Double] {
    let m = Double(pValues.count)
    var adjusted = [Double](repeating: 1, count: pValues.count)
    var running = 1.0
    for (rank, index) in ascendingOrder(pValues).enumerated().reversed() {
      running = min(running, sanitized(pValues[index]) * (m / Double(rank + 1)))
      adjusted[index] = running
    }
    return adjusted
  }

  /// Indices of `pValues` ordered by ascending sanitized p-value.
  private static func ascendingOrder(_ pValues: [Double]) -> [Int] {
    pValues.indices.sorted { sanitized(pValues[$0]) < sanitized(pValues[$1]) }
  }

  /// Whether p·a ≤ t·b in exact arithmetic on the given doubles (a, b ≥ 1, p in [0, 1]).
  /// A level t ≥ 1 rejects everything, as the adjusted p-values (capped at 1) do; a NaN
  /// level rejects nothing.
  static func exactlyAtMost(_ p: Double, times a: Int, threshold t: Double, times b: Int) -> Bool {
    guard !t.isNaN else { return false }
    guard t < 1 else { return true }
    guard let exactP = Rational(exactly: p), let exactT = Rational(exactly: t) else { return false }
    return !(exactT * Rational(b) < exactP * Rational(a))
  }

  private static func sanitized(_ p: Double) -> Double {
    p.isNaN ? 1 : min(1, max(0, p))
  }
}

/// Corrections for testing many jobs at once, so that a gate over hundreds of jobs does
/// not raise a false alarm on some job nearly every run.
///
/// Every function takes the p-values in any order and answers in the same order. A NaN
/// p-value is treated as 1 and values outside [0, 1] are clamped; all of them still
/// count towards the number of tests m. Ties among p-values do not affect the result.
///
/// Both procedures can reject the smallest p-value only if it is at most α/m (Holm) or
/// q/m (Benjamini–Hochberg, when only one job really changed), so the number of
/// repetitions per job must make such p-values attainable; see `MannWhitney`.
public enum MultipleTesting {
  /// Holm's step-down procedure: which hypotheses to reject while keeping the
  /// family-wise error rate (the chance of any false alarm) at most `alpha`, under any
  /// dependence between the tests. Uniformly more powerful than Bonferroni.
  public static func holm(_ pValues: [Double], alpha: Double) -> [Bool] {
    holmAdjusted(pValues).map { $0 <= alpha }
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
  public static func benjaminiHochberg(_ pValues: [Double], q: Double) -> [Bool] {
    benjaminiHochbergAdjusted(pValues).map { $0 <= q }
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

  private static func sanitized(_ p: Double) -> Double {
    p.isNaN ? 1 : min(1, max(0, p))
  }
}

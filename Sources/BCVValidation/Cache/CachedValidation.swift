/// Deciding obligations through a cache.
///
/// The key is the obligation's canonical fingerprint (equal for algebraically equivalent
/// problems), the strategy's name, and every setting that can change the answer or its
/// counters: samples, seed, confidence, sequence, box and coefficient budgets, minimum width and
/// time limit.
/// The worker count is not part of the key: results do not depend on it. Answers that
/// depend on the machine are never stored: those that hit a time limit, and those of an
/// external solver that was not installed (installing it must not leave them in the cache).
public enum CachedValidation {
  public static func key(fingerprint: String, strategy: String, settings s: StrategySettings) -> String {
    [
      "bcv-cache-key/1", fingerprint, strategy, "samples=\(s.samples)", "seed=\(s.seed)",
      "confidence=\(s.confidence.bitPattern)", "sequence=\(s.sequence.rawValue)", "maxBoxes=\(s.maxBoxes)", "maxCoefficients=\(s.maxCoefficients)",
      "minWidth=\(s.minWidth.bitPattern)", "timeLimit=\(s.timeLimit.map { "\($0.bitPattern)" } ?? "-")",
    ].joined(separator: "|")
  }

  /// The verdict, and how many of the obligations were answered from the cache (hits) or
  /// decided and stored (misses). A hit reports no work: its counters are zero.
  /// `fingerprints[i]` is obligation i's fingerprint (computed once per case by the caller).
  /// The misses are decided together by `Strategy.decideAll`, which gives each exactly what
  /// deciding it alone would, so the answers do not depend on which others were cached.
  public static func validate(_ obligations: [CompiledObligation], fingerprints: [String], strategy: any Strategy,
                              settings: StrategySettings, cache: any ResultCache) -> (verdict: Verdict, hits: Int, misses: Int) {
    precondition(fingerprints.count == obligations.count, "\(fingerprints.count) fingerprints for \(obligations.count) obligations")
    var results: [ObligationResult?] = []
    var missing: [Int] = []
    var keys: [String] = []
    for (i, compiled) in obligations.enumerated() {
      let key = Self.key(fingerprint: fingerprints[i], strategy: strategy.name, settings: settings)
      keys.append(key)
      if var cached = cache.lookup(key), cached.condition == compiled.obligation.condition {
        cached.evaluations = 0
        cached.boxes = 0
        results.append(cached)
      } else {
        results.append(nil)
        missing.append(i)
      }
    }
    // Every miss of the case at once, so a strategy can share work between them.
    let decided = missing.isEmpty ? [] : strategy.decideAll(missing.map { obligations[$0] }, settings: settings)
    for (i, result) in zip(missing, decided) {
      if !result.dependsOnMachine { cache.store(keys[i], result) }
      results[i] = result
    }
    let hits = obligations.count - missing.count, misses = missing.count
    let all = results.map { $0! }
    return (Verdict(combining: all), hits, misses)
  }

}

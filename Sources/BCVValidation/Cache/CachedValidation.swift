/// Deciding obligations through a cache.
///
/// The key is the obligation's canonical fingerprint (equal for algebraically equivalent
/// problems), the strategy's name, and every setting that can change the answer or its
/// counters: samples, seed, confidence, sequence, box and coefficient budgets, minimum width and
/// time limit.
/// The worker count is not part of the key: results do not depend on it. Answers that hit a
/// time limit are never stored (they depend on the machine's speed).
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
  public static func validate(_ obligations: [CompiledObligation], fingerprints: [String], strategy: any Strategy,
                              settings: StrategySettings, cache: any ResultCache) -> (verdict: Verdict, hits: Int, misses: Int) {
    precondition(fingerprints.count == obligations.count, "\(fingerprints.count) fingerprints for \(obligations.count) obligations")
    var results: [ObligationResult] = []
    var hits = 0, misses = 0
    for (i, compiled) in obligations.enumerated() {
      let key = Self.key(fingerprint: fingerprints[i], strategy: strategy.name, settings: settings)
      if var cached = cache.lookup(key), cached.condition == compiled.obligation.condition {
        hits += 1
        cached.evaluations = 0
        cached.boxes = 0
        results.append(cached)
        continue
      }
      misses += 1
      let result = strategy.decide(compiled, settings: settings)
      if !result.dependsOnTime { cache.store(key, result) }
      results.append(result)
    }
    return (Verdict(combining: results), hits, misses)
  }

}

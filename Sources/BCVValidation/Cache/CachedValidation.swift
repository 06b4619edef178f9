/// Deciding obligations through a cache.
///
/// The key is the obligation's canonical fingerprint (equal for algebraically equivalent
/// problems) and the job's `StrategyConfiguration` — the strategy and every setting that can
/// change its answer or counters, the external solver and its version included
/// (`StrategyConfiguration.cacheKey`). The worker count is not part of the key: results do
/// not depend on it. Answers that depend on the machine are never stored: those that hit a
/// time limit, and those of an external solver that was not installed (installing it must
/// not leave them in the cache).
public enum CachedValidation {
  /// The verdict, and how many of the obligations were answered from the cache (hits) or
  /// decided and stored (misses). A hit reports no work: its counters are zero.
  /// `fingerprints[i]` is obligation i's fingerprint (computed once per case by the caller).
  /// The misses are decided together by `Strategy.decideAll`, which gives each exactly what
  /// deciding it alone would, so the answers do not depend on which others were cached.
  public static func validate(_ obligations: [CompiledObligation], fingerprints: [String],
                              configuration: StrategyConfiguration, cache: any ResultCache) -> (verdict: Verdict, hits: Int, misses: Int) {
    validate(obligations, fingerprints: fingerprints, configuration: configuration, strategy: configuration.make(), cache: cache)
  }

  /// The same with `strategy` standing in for the configuration's (tests only: a stand-in
  /// answers under the configuration's key).
  static func validate(_ obligations: [CompiledObligation], fingerprints: [String], configuration: StrategyConfiguration,
                       strategy: any Strategy, cache: any ResultCache) -> (verdict: Verdict, hits: Int, misses: Int) {
    let settings = configuration.settings
    precondition(fingerprints.count == obligations.count, "\(fingerprints.count) fingerprints for \(obligations.count) obligations")
    var results: [ObligationResult?] = []
    var missing: [Int] = []
    var keys: [String] = []
    for (i, compiled) in obligations.enumerated() {
      let key = configuration.cacheKey(fingerprint: fingerprints[i])
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

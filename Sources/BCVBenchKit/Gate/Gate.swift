import BCVPlatform

/// `--gate` on a run: the suite's baseline, the thresholds, and the checks that decide
/// whether the baseline may be compared at all.
public struct Gate: Sendable {
  public let baselinePath: String
  public let baseline: Baseline
  public let comparator: Comparator
  public let suiteName: String?

  /// The gate for a run: `Baselines/<suite>.json` unless a path is given. A missing or
  /// corrupt baseline, or one taken for another suite, is an `InputError` before anything
  /// runs.
  static func forRun(request: RunRequest, baselinePath: String?, lenient: Bool) throws -> Gate {
    guard let path = baselinePath ?? request.suite.map({ "Baselines/\($0.name).json" }) else {
      throw UsageError("--gate needs a suite (--suite NAME) or a baseline (--baseline FILE)", command: "run")
    }
    guard Platform.fileExists(path) else {
      let name = request.suite?.name ?? "NAME"
      throw InputError(file: path, "no baseline to gate against; create it on this machine class with 'swift run -c release bcv-bench baseline update --suite \(name)' (it runs the suite once, as long as the suite takes) and commit \(path), or pass --baseline FILE")
    }
    let baseline = try Baseline.load(path)
    if let suite = request.suite, let stored = baseline.suite, stored != suite.name {
      throw InputError(file: path, key: "suite", "the baseline is for suite '\(stored)', not '\(suite.name)'")
    }
    if request.shard != nil {
      throw UsageError("--gate applies to a whole run; gate the merged shards with 'bcv-bench merge --gate'", command: "run")
    }
    return Gate(baselinePath: path, baseline: baseline,
                comparator: Comparator(thresholds: request.suite?.gate ?? .default, lenient: lenient),
                suiteName: request.suite?.name)
  }

  /// Compares a finished run with the baseline. A different corpus (by content hash) is
  /// refused: the jobs would not mean the same thing.
  public func compare(candidate results: RunResults) -> Comparison {
    let candidate = Baseline(results: results, suiteHash: nil)
    if let old = baseline.corpusHash, let new = candidate.corpusHash, old != new {
      return Comparison(rows: [], verdictChanges: [], scores: [], timeCompared: false, notes: [],
                        refusal: "\(baselinePath) was taken on another corpus (hash \(old.prefix(12))…, now \(new.prefix(12))…); update the baseline")
    }
    return comparator.compare(baseline: baseline, candidate: candidate)
  }

  /// Confirms `first`'s time failures with the re-run `recheck` (see `Comparator.confirm`).
  public func confirm(_ first: Comparison, recheck results: RunResults) -> Comparison {
    comparator.confirm(first, baseline: baseline, recheck: Baseline(results: results, suiteHash: nil))
  }
}

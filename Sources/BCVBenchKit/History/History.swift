import BCVPlatform

/// One run's summary in the history file.
public struct HistoryEntry: Sendable, Hashable {
  public var commit: String
  public var suite: String
  /// Per strategy: total seconds of all jobs, and the fraction of scored jobs answered correctly.
  public var strategySeconds: [String: Double]
  public var strategyAccuracy: [String: Double]
  /// Cache hits over all lookups, when the run used the cache.
  public var cacheHitRate: Double?

  public init(results: RunResults) {
    let meta = results.metadata.objectValue
    commit = meta?["commit"]?.stringValue ?? "unknown"
    suite = meta?["suite"]?.stringValue ?? "run"
    var seconds: [String: Double] = [:], correct: [String: Int] = [:], scored: [String: Int] = [:]
    var hits = 0, lookups = 0
    for r in results.records {
      seconds[r.strategy, default: 0] += r.seconds
      if r.outcome != .unscored {
        scored[r.strategy, default: 0] += 1
        if r.outcome == .correct { correct[r.strategy, default: 0] += 1 }
      }
      hits += r.cacheHits
      lookups += r.cacheHits + r.cacheMisses
    }
    strategySeconds = seconds
    strategyAccuracy = scored.reduce(into: [:]) { acc, pair in acc[pair.key] = Double(correct[pair.key] ?? 0) / Double(pair.value) }
    cacheHitRate = lookups > 0 ? Double(hits) / Double(lookups) : nil
  }

  public init(commit: String, suite: String, strategySeconds: [String: Double], strategyAccuracy: [String: Double],
              cacheHitRate: Double?) {
    self.commit = commit
    self.suite = suite
    self.strategySeconds = strategySeconds
    self.strategyAccuracy = strategyAccuracy
    self.cacheHitRate = cacheHitRate
  }

  func json() -> JSONValue {
    .object(JSONObject([
      ("commit", .string(commit)), ("suite", .string(suite)),
      ("seconds", .object(JSONObject(strategySeconds.keys.sorted().map { ($0, .number(strategySeconds[$0]!)) }))),
      ("accuracy", .object(JSONObject(strategyAccuracy.keys.sorted().map { ($0, .number(strategyAccuracy[$0]!)) }))),
      ("cacheHitRate", cacheHitRate.map { .number($0) } ?? .null),
    ]))
  }

  static func decode(_ value: JSONValue) -> HistoryEntry? {
    guard let o = value.objectValue, let commit = o["commit"]?.stringValue, let suite = o["suite"]?.stringValue,
          let seconds = o["seconds"]?.objectValue, let accuracy = o["accuracy"]?.objectValue else { return nil }
    func doubles(_ obj: JSONObject) -> [String: Double] {
      var d: [String: Double] = [:]
      for k in obj.keys { if let v = obj[k]?.doubleValue { d[k] = v } }
      return d
    }
    return HistoryEntry(commit: commit, suite: suite, strategySeconds: doubles(seconds), strategyAccuracy: doubles(accuracy),
                        cacheHitRate: o["cacheHitRate"]?.doubleValue)
  }
}

/// The run history: one JSON line per run appended to a file (default
/// `Reports/history/<suite>.jsonl`), read back for trend charts and change points.
public enum History {
  /// How many past runs reports draw.
  public static let window = 30

  public static func defaultPath(suite: String?) -> String {
    "Reports/history/\(suite ?? "run").jsonl"
  }

  /// Every entry in the file, oldest first; an empty list when the file does not exist.
  /// A line that is not a history entry is an `InputError` naming the file and line.
  public static func read(_ path: String) throws(InputError) -> [HistoryEntry] {
    guard Platform.fileExists(path) else { return [] }
    let text: String
    do { text = try AtomicFile.readText(path) } catch { throw InputError(file: path, "cannot read the history: \(error)") }
    var entries: [HistoryEntry] = []
    for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: true).enumerated() {
      guard let value = try? JSONParser.parse(String(line)), let entry = HistoryEntry.decode(value) else {
        throw InputError(file: path, line: n + 1, column: 1, "corrupt history entry")
      }
      entries.append(entry)
    }
    return entries
  }

  /// Appends the run's entry (rewriting the file atomically) and returns the last
  /// `window` entries, the new one last.
  public static func append(_ results: RunResults, to path: String) throws -> [HistoryEntry] {
    var entries = try read(path)
    entries.append(HistoryEntry(results: results))
    let text = entries.map { JSONWriter.write($0.json(), pretty: false).trimmed }.joined(separator: "\n") + "\n"
    try AtomicFile.write(text, to: path)
    return Array(entries.suffix(window))
  }
}

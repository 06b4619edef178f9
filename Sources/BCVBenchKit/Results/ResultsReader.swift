import BCVNumerics
import BCVPlatform
import BCVValidation

/// A run's results as read back from `results.json`.
public struct RunResults: Sendable {
  public var metadata: JSONValue
  public var records: [JobRecord]
  public var file: String

  public init(metadata: JSONValue, records: [JobRecord], file: String) {
    self.metadata = metadata
    self.records = records
    self.file = file
  }
}

/// Reads `results.json` files (schema `bcv-results/1`) back into records, for baselines,
/// comparison, merging, reports and reruns. Every problem names the file and the key.
public enum ResultsReader {
  /// Reads a results file, or `results.json` inside a run's output folder.
  public static func read(_ path: String) throws(InputError) -> RunResults {
    let file = Platform.isDirectory(path) ? path + "/results.json" : path
    let text: String
    do { text = try AtomicFile.readText(file) } catch { throw InputError(file: file, "\(error)") }
    let root: JSONValue
    do { root = try JSONParser.parse(text) } catch let e {
      throw InputError(file: file, line: e.line, column: e.column, "corrupt results file: \(e.reason)")
    }
    return try decode(root, file: file)
  }

  public static func decode(_ root: JSONValue, file: String) throws(InputError) -> RunResults {
    guard let object = root.objectValue else { throw InputError(file: file, "expected a JSON object") }
    guard object["schema"]?.stringValue == ResultsWriter.schema else {
      throw InputError(file: file, key: "schema", "expected \"\(ResultsWriter.schema)\"")
    }
    guard let list = object["results"]?.arrayValue else { throw InputError(file: file, key: "results", "missing or not an array") }
    var records: [JobRecord] = []
    for (i, item) in list.enumerated() {
      records.append(try record(item, key: "results[\(i)]", file: file))
    }
    return RunResults(metadata: object["run"] ?? .null, records: records, file: file)
  }

  static func record(_ value: JSONValue, key: String, file: String) throws(InputError) -> JobRecord {
    guard let o = value.objectValue else { throw InputError(file: file, key: key, "expected an object") }
    func fail(_ field: String) -> InputError { InputError(file: file, key: "\(key).\(field)", "missing or of the wrong type") }
    func string(_ f: String) throws(InputError) -> String { guard let s = o[f]?.stringValue else { throw fail(f) }; return s }
    func int(_ f: String) throws(InputError) -> Int { guard let n = o[f]?.intValue else { throw fail(f) }; return n }
    func double(_ f: String) throws(InputError) -> Double { guard let d = o[f]?.doubleValue else { throw fail(f) }; return d }
    guard let verdict = VerdictKind(rawValue: try string("verdict")) else { throw fail("verdict") }
    guard let outcome = Outcome(rawValue: try string("outcome")) else { throw fail("outcome") }
    guard let proof = o["proof"]?.boolValue else { throw fail("proof") }
    var obligations: [ObligationResult] = []
    for (j, item) in (o["obligations"]?.arrayValue ?? []).enumerated() {
      obligations.append(try ObligationResult(json: item, key: "\(key).obligations[\(j)]", file: file))
    }
    var r = JobRecord(
      caseID: try string("case"), strategy: try string("strategy"), samples: try int("samples"), workers: try int("workers"),
      cache: try string("cache"), repetition: try int("repetition"), verdict: verdict, proof: proof,
      violates: o["violates"]?.stringValue.flatMap(ConditionName.init(rawValue:)),
      counterexample: o["counterexample"]?.arrayValue?.compactMap(ObligationResult.exactDouble),
      expected: o["expected"]?.stringValue.flatMap(VerdictKind.init(rawValue:)), outcome: outcome,
      seconds: try double("seconds"), evaluations: try int("evaluations"), boxes: try int("boxes"),
      reason: o["reason"]?.stringValue, obligations: obligations)
    // This build's answers are their obligations combined: read back that way, a record
    // equals the one written (counterexample value and confirmation included). A record
    // whose stored verdict disagrees with its obligations (another tool's) stays as stored.
    let combined = Verdict(combining: obligations)
    if !obligations.isEmpty && combined.kind == r.verdict && (combined.kind != .unknown && combined.proof) == r.proof
        && combined.violates == r.violates && combined.reason == r.reason {
      r.answer = combined
    }
    r.cpuSeconds = o["cpuSeconds"]?.doubleValue ?? 0
    r.timingLoops = max(1, o["timingLoops"]?.intValue ?? 1)
    r.peakMemoryBytes = o["peakMemoryBytes"]?.intValue ?? 0
    r.cacheHits = o["cacheHits"]?.intValue ?? 0
    r.cacheMisses = o["cacheMisses"]?.intValue ?? 0
    r.tags = o["tags"]?.arrayValue?.compactMap(\.stringValue) ?? []
    return r
  }
}

import BCVPlatform
import BCVValidation

/// A suite's stored reference run (`Baselines/<suite>.json`, schema `bcv-baseline/1`):
/// per job, the verdict, outcome, work counters and every repetition's time, plus the
/// provenance that decides what may be compared with it (suite and corpus hashes, machine
/// class) and, after `calibrate`, each job's measured timing noise.
public struct Baseline: Sendable {
  public static let schema = "bcv-baseline/1"

  public var suite: String?
  public var suiteHash: String?
  public var corpusHash: String?
  public var commit: String?
  public var machineClass: JSONValue
  public var jobs: [JobSummary]
  /// Relative timing noise per job key, from an A/A calibration run.
  public var noise: [String: Double]

  public init(results: RunResults, suiteHash: String?) {
    let meta = results.metadata.objectValue
    suite = meta?["suite"]?.stringValue
    corpusHash = meta?["corpusHash"]?.stringValue
    commit = meta?["commit"]?.stringValue
    machineClass = meta?["machineClass"] ?? .null
    self.suiteHash = suiteHash
    jobs = JobSummary.summarize(results.records)
    noise = [:]
  }

  public func json() -> JSONValue {
    .object(JSONObject([
      ("schema", .string(Self.schema)),
      ("suite", suite.map { .string($0) } ?? .null),
      ("suiteHash", suiteHash.map { .string($0) } ?? .null),
      ("corpusHash", corpusHash.map { .string($0) } ?? .null),
      ("commit", commit.map { .string($0) } ?? .null),
      ("machineClass", machineClass),
      ("noise", .object(JSONObject(noise.keys.sorted().map { ($0, .number(noise[$0]!)) }))),
      ("jobs", .array(jobs.map { j in
        .object(JSONObject([
          ("key", .string(j.key)), ("case", .string(j.caseID)), ("strategy", .string(j.strategy)),
          ("samples", .number(j.samples)), ("workers", .number(j.workers)), ("cache", .string(j.cache)),
          ("verdict", .string(j.verdict.rawValue)), ("proof", .bool(j.proof)), ("outcome", .string(j.outcome.rawValue)),
          ("evaluations", .number(j.evaluations)), ("boxes", .number(j.boxes)), ("cacheHits", .number(j.cacheHits)),
          ("cacheMisses", .number(j.cacheMisses)), ("seconds", .array(j.seconds.map { .number($0) })),
          ("timedOut", .bool(j.timedOut)),
        ] + (j.solverUnavailable ? [("solverUnavailable", .bool(true))] : [])))
      })),
    ]))
  }

  /// Writes the baseline atomically: a reader sees the old file or the new one, never half.
  public func write(to path: String) throws(FileError) {
    try AtomicFile.write(JSONWriter.write(json()), to: path)
  }

  /// Reads a baseline file, or a run's results (a `results.json` or its folder) viewed as
  /// a baseline, so `compare` takes either. A missing, truncated or malformed file is an
  /// `InputError` naming it.
  public static func load(_ path: String) throws(InputError) -> Baseline {
    let file = Platform.isDirectory(path) ? path + "/results.json" : path
    let text: String
    do { text = try AtomicFile.readText(file) } catch { throw InputError(file: file, "cannot read: \(error)") }
    let root: JSONValue
    do { root = try JSONParser.parse(text) } catch let e {
      throw InputError(file: file, line: e.line, column: e.column, "corrupt file: \(e.reason)")
    }
    switch root.objectValue?["schema"]?.stringValue {
    case schema?: return try decode(root, file: file)
    case ResultsWriter.schema?: return Baseline(results: try ResultsReader.decode(root, file: file), suiteHash: nil)
    default: throw InputError(file: file, key: "schema", "neither a baseline (\(schema)) nor results (\(ResultsWriter.schema))")
    }
  }

  static func decode(_ root: JSONValue, file path: String) throws(InputError) -> Baseline {
    guard let o = root.objectValue else { throw InputError(file: path, "expected a JSON object") }
    guard let list = o["jobs"]?.arrayValue else { throw InputError(file: path, key: "jobs", "missing or not an array") }
    var jobs: [JobSummary] = []
    for (i, item) in list.enumerated() {
      guard let j = item.objectValue, let key = j["key"]?.stringValue, let c = j["case"]?.stringValue,
            let strategy = j["strategy"]?.stringValue, let samples = j["samples"]?.intValue,
            let workers = j["workers"]?.intValue, let cache = j["cache"]?.stringValue,
            let verdict = j["verdict"]?.stringValue.flatMap(VerdictKind.init(rawValue:)),
            let outcome = j["outcome"]?.stringValue.flatMap(Outcome.init(rawValue:)),
            let evaluations = j["evaluations"]?.intValue, let boxes = j["boxes"]?.intValue,
            let seconds = j["seconds"]?.arrayValue?.compactMap(\.doubleValue), !seconds.isEmpty else {
        throw InputError(file: path, key: "jobs[\(i)]", "incomplete job entry")
      }
      var job = JobSummary(key: key, caseID: c, strategy: strategy, samples: samples, workers: workers, cache: cache,
                           verdict: verdict, proof: j["proof"]?.boolValue ?? false, outcome: outcome,
                           evaluations: evaluations, boxes: boxes, cacheHits: j["cacheHits"]?.intValue ?? 0,
                           cacheMisses: j["cacheMisses"]?.intValue ?? 0, seconds: seconds,
                           timedOut: j["timedOut"]?.boolValue ?? false)
      job.solverUnavailable = j["solverUnavailable"]?.boolValue ?? false
      jobs.append(job)
    }
    var b = Baseline(results: RunResults(metadata: .null, records: [], file: path), suiteHash: o["suiteHash"]?.stringValue)
    b.suite = o["suite"]?.stringValue
    b.corpusHash = o["corpusHash"]?.stringValue
    b.commit = o["commit"]?.stringValue
    b.machineClass = o["machineClass"] ?? .null
    b.jobs = jobs
    for (key, value) in o["noise"]?.objectValue.map({ obj in obj.keys.map { ($0, obj[$0]!) } }) ?? [] {
      if let d = value.doubleValue { b.noise[key] = d }
    }
    return b
  }
}

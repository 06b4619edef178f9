import BCVValidation

/// The one encoding of a run's configuration: the metadata of `results.json` (from which
/// `rerun` and `merge` rebuild the run), and the document an isolated child process
/// receives with its job.
///
/// Guarantee: `RunConfiguration(json: c.json, …)` equals `c` in every field that can change
/// an answer or a record (matrix, seed, limits, budget, confidence, sequence, external
/// solver) and in how jobs run (cache folder, isolation); a property test checks it. The
/// seed is written as a decimal string (a JSON number cannot hold every UInt64). Fields are
/// top-level members, so results files written before `smtSolver` was recorded still read
/// (as runs without a solver). Progress display is not recorded.
extension RunConfiguration {
  public var jsonFields: [(String, JSONValue)] {
    [
      ("seed", .string(String(seed))),
      ("timeLimit", timeLimit.map { .number($0) } ?? .null),
      ("budget", budget.json),
      ("confidence", .number(confidence)),
      ("sequence", .string(sequence.rawValue)),
      ("smtSolver", smtSolver.map { .string($0.rawValue) } ?? .null),
      ("matrix", matrix.json),
      ("cacheDirectory", cacheDirectory.map { .string($0) } ?? .null),
      ("isolate", .bool(isolate)),
      ("jobTimeout", jobTimeout.map { .number($0) } ?? .null),
      ("memoryLimitMB", memoryLimitMB.map { .number($0) } ?? .null),
    ]
  }

  public var json: JSONValue { .object(JSONObject(jsonFields)) }

  /// Reads what `jsonFields` wrote, from an object that may hold other members too (a run's
  /// metadata). Every error names `file` and the key under `keyPrefix`.
  public init(json value: JSONValue, file: String, keyPrefix: String) throws(InputError) {
    func key(_ k: String) -> String { keyPrefix.isEmpty ? k : "\(keyPrefix).\(k)" }
    func bad(_ k: String, _ what: String) -> InputError { InputError(file: file, key: key(k), what) }
    guard let o = value.objectValue else { throw InputError(file: file, key: keyPrefix, "expected an object") }
    guard let m = o["matrix"] else { throw bad("matrix", "missing") }
    guard let seedText = o["seed"]?.stringValue, let seed = UInt64(seedText) else {
      throw bad("seed", "expected an unsigned integer written as a string")
    }
    func optionalNumber(_ k: String, _ valid: (Double) -> Bool) throws(InputError) -> Double? {
      guard let v = o[k], v != .null else { return nil }
      guard let x = v.doubleValue, x.isFinite, valid(x) else { throw bad(k, "expected a positive number or null") }
      return x
    }
    let matrix = try RunMatrix(json: m, source: file, keyPrefix: key("matrix"))
    let confidence = try optionalNumber("confidence") { $0 > 0 && $0 < 1 } ?? 0.99
    self.init(matrix: matrix, seed: seed, timeLimit: try optionalNumber("timeLimit") { $0 > 0 }, confidence: confidence)
    if let b = o["budget"] { budget = try WorkBudget(json: b, file: file, key: key("budget")) }
    if let v = o["sequence"], v != .null {
      guard let text = v.stringValue, let kind = SampleSequence(rawValue: text) else {
        throw bad("sequence", "expected one of \(SampleSequence.allCases.map(\.rawValue).joined(separator: ", "))")
      }
      sequence = kind
    }
    if let v = o["smtSolver"], v != .null {
      guard let text = v.stringValue, let solver = ExternalSolver(rawValue: text) else {
        throw bad("smtSolver", "expected one of \(ExternalSolver.allCases.map(\.rawValue).joined(separator: ", "))")
      }
      smtSolver = solver
    }
    if let v = o["cacheDirectory"] { cacheDirectory = v == .null ? nil : v.stringValue }
    isolate = o["isolate"]?.boolValue ?? false
    jobTimeout = try optionalNumber("jobTimeout") { $0 > 0 }
    if let v = o["memoryLimitMB"], v != .null {
      guard let n = v.intValue, n > 0 else { throw bad("memoryLimitMB", "expected a positive integer or null") }
      memoryLimitMB = n
    }
  }

  /// The key the record of `job` will have (`JobRecord.jobKey`): its strategy's label under
  /// this configuration (`smt+z3` with a solver), so the jobs of a run and its records are
  /// matched by one rule.
  public func jobKey(_ job: Job, caseID: String) -> String {
    JobRecord.key(caseID: caseID, strategy: strategyConfiguration(for: job).label, samples: job.samples,
                  workers: job.workers, cache: job.cache.rawValue)
  }
}

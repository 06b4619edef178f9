import BCVPlatform

/// `bcv-bench merge DIR...`: combine shard results into exactly what one run would give.
enum MergeCommand: Command {
  static let path = ["merge"]
  static let summary = "Merges the results of the shards K/N of one run (all N of them) into one run's results and report."
  static let usage = "merge SHARD_DIR... [--out DIR] [--gate]"
  static let discussion = "--out defaults to Reports/<suite or 'run'>. With --gate, time failures are re-run here to confirm them."
  static let optionGroups = OptionGroup("output", [.out, .quiet]) + .gate + .history
  static let takesPositionals = true

  static func execute(_ args: ParsedArguments) throws -> ExitCode {
    guard !args.positionals.isEmpty else { throw UsageError("expected the shards' output folders", command: args.command) }
    let merged = try merge(try args.positionals.map { path throws(InputError) in try ResultsReader.read(path) })
    let suite = merged.metadata.objectValue?["suite"]?.stringValue
    let out = args.value("out") ?? "Reports/\(suite ?? "run")"
    var comparison: Comparison?
    if args.flags.contains("gate") {
      guard let path = args.value("baseline") ?? suite.map({ "Baselines/\($0).json" }) else {
        throw UsageError("--gate needs --baseline FILE for a run without a suite", command: args.command)
      }
      let baseline = try Baseline.load(path)
      let suiteFile = merged.metadata.objectValue?["suiteFile"]?.stringValue
      let loadedSuite = suiteFile.flatMap { try? SuiteLoader.load($0).suite }
      let gate = Gate(baselinePath: path, baseline: baseline,
                      comparator: Comparator(thresholds: loadedSuite?.gate ?? .default, lenient: args.flags.contains("lenient")),
                      suiteName: suite)
      let first = gate.compare(candidate: merged)
      comparison = first
      let keys = first.jobsToConfirm(among: Baseline(results: merged, suiteHash: nil).jobs)
      if !keys.isEmpty, !args.flags.contains("no-confirm"), loadedSuite?.confirmsRegressions ?? true {
        // The confirmation re-run happens here, on the merging machine, from the run's own description.
        if !args.flags.contains("quiet") { Platform.writeStderr("bcv-bench: gate: re-running \(keys.count) job(s) flagged as slower to confirm\n") }
        let request = try RerunCommand.requestReproducing(merged)
        let recheck = try request.performAgain(jobKeys: keys, metadata: merged.metadata)
        do { try ResultsWriter.write(recheck.records, metadata: recheck.metadata, to: out + "/confirmation") } catch {
          throw InternalFailure("cannot write the confirmation re-run to \(out)/confirmation: \(error)")
        }
        comparison = gate.confirm(first, recheck: recheck)
      }
    }
    let historyPath = args.value("history") ?? suite.map { History.defaultPath(suite: $0) }
    let history = try historyPath.map { try History.append(merged, to: $0) } ?? []
    do {
      try ResultsWriter.write(merged.records, metadata: merged.metadata, to: out)
      try ReportWriting.write(results: merged, comparison: comparison, history: history, to: out)
    } catch {
      throw FileError(path: out, reason: "cannot write results: \(error)")
    }
    if !args.flags.contains("quiet") {
      print(RunSummary(records: merged.records).table())
      if let comparison { print(comparison.text()) }
      print("merged \(args.positionals.count) shard(s): \(out)/results.csv, \(out)/results.json")
    }
    if merged.records.contains(where: \.isUnsound) { return .accuracyFailure }
    return comparison?.exitCode ?? .success
  }

  /// The shards' records in canonical job order, under the shared metadata (shard removed).
  /// Shards must come from one run (same metadata apart from the shard) and cover 1…N once.
  static func merge(_ shards: [RunResults]) throws(InputError) -> RunResults {
    func withoutShard(_ m: JSONValue) -> JSONValue {
      guard let o = m.objectValue else { return m }
      return .object(JSONObject(o.keys.filter { $0 != "shard" }.map { ($0, o[$0]!) }))
    }
    let first = shards[0]
    var seen: [Int: String] = [:]
    var count: Int?
    for s in shards {
      guard withoutShard(s.metadata) == withoutShard(first.metadata) else {
        throw InputError(file: s.file, key: "run", "comes from a different run than \(first.file) (metadata differ)")
      }
      guard let text = s.metadata.objectValue?["shard"]?.stringValue, case .success(let shard) = Shard.parse(text) else {
        throw InputError(file: s.file, key: "run.shard", "is not a shard's results")
      }
      if let c = count, c != shard.count { throw InputError(file: s.file, key: "run.shard", "is shard \(shard) but others are of \(c)") }
      count = shard.count
      if let other = seen[shard.index] { throw InputError(file: s.file, key: "run.shard", "shard \(shard) given twice (also \(other))") }
      seen[shard.index] = s.file
    }
    if let n = count, let missing = (1...n).first(where: { seen[$0] == nil }) {
      throw InputError(key: "shards", "shard \(missing)/\(n) is missing")
    }
    // The canonical job order, re-expanded from the run's case list and matrix.
    let meta = first.metadata.objectValue
    let caseIDs = (meta?["caseIDs"]?.arrayValue ?? []).compactMap(\.stringValue)
    let configuration = try RunConfiguration(json: first.metadata, file: first.file, keyPrefix: "run")
    var order: [String: Int] = [:]
    for (i, job) in configuration.matrix.jobs(caseCount: caseIDs.count).enumerated() {
      order[configuration.jobKey(job, caseID: caseIDs[job.caseIndex]) + "|\(job.repetition)"] = i
    }
    func position(_ r: JobRecord) -> Int { order["\(r.jobKey)|\(r.repetition)"] ?? .max }
    let records = shards.flatMap(\.records).enumerated()
      .sorted { (position($0.element), $0.offset) < (position($1.element), $1.offset) }.map(\.element)
    var metadata = withoutShard(first.metadata)
    if case .object(let o) = metadata {
      metadata = .object(JSONObject(o.keys.map { ($0, o[$0]!) } + [("shard", .null)]))
    }
    return RunResults(metadata: metadata, records: records, file: "")
  }
}

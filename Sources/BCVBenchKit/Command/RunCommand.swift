import BCVPlatform
import BCVValidation

/// `bcv-bench run`: load a corpus (or a suite), run the matrix, write results.
enum RunCommand: Command {
  static let path = ["run"]
  static let summary = "Runs every selected case under every strategy and matrix setting; writes results.csv and results.json."
  static let usage = "run (--suite NAME | --corpus PATH...) [options]"
  static let discussion = """
    --out defaults to Reports/<suite or 'run'>. 'bcv-bench --suite NAME ...' is the same as 'bcv-bench run --suite NAME ...'.
    """
  static let optionGroups = OptionGroup.selection + .matrix + .settings + .isolation
    + OptionGroup("output", [.out, .quiet, .json, .certificate, .resume, .shard]) + .gate + .history

  static func execute(_ args: ParsedArguments) throws -> ExitCode {
    var request = try makeRequest(args)
    let outDirectory = args.value("out") ?? "Reports/\(request.suite?.name ?? "run")"
    request.journalPath = outDirectory + "/journal.jsonl"
    request.resume = args.flags.contains("resume")
    let lock = try claimOutput(outDirectory, command: args.command)
    defer { withExtendedLifetime(lock) {} }
    var gate: Gate?
    if args.flags.contains("gate") {
      gate = try Gate.forRun(request: request, baselinePath: args.value("baseline"), lenient: args.flags.contains("lenient"))
    }
    Interruption.install()
    let outcome = try request.perform()
    var results = outcome.results
    results.file = outDirectory + "/results.json"
    if Interruption.requested { return try writePartial(results, planned: outcome.plannedJobs, to: outDirectory, quiet: request.quiet) }
    var comparison = gate.map { $0.compare(candidate: results) }
    if let g = gate, let first = comparison, !args.flags.contains("no-confirm"), request.suite?.confirmsRegressions ?? true {
      let keys = first.jobsToConfirm(among: Baseline(results: results, suiteHash: nil).jobs)
      if !keys.isEmpty {
        if !request.quiet { Platform.writeStderr("bcv-bench: gate: re-running \(keys.count) job(s) flagged as slower to confirm\n") }
        var recheck = request.performAgain(jobKeys: keys, after: outcome)
        recheck.file = outDirectory + "/confirmation/results.json"
        do { try ResultsWriter.write(recheck.records, metadata: recheck.metadata, to: outDirectory + "/confirmation") } catch {
          throw InternalFailure("cannot write the confirmation re-run to \(outDirectory)/confirmation: \(error)")
        }
        comparison = g.confirm(first, recheck: recheck)
      }
    }
    // Suite runs keep a history by default; ad-hoc corpus runs only when asked.
    let historyPath = args.value("history") ?? request.suite.map { History.defaultPath(suite: $0.name) }
    let history = try historyPath.map { path in request.shard == nil ? try History.append(results, to: path) : [] } ?? []
    do {
      try ResultsWriter.write(results.records, metadata: results.metadata, to: outDirectory)
      try ReportWriting.write(results: results, comparison: comparison, history: history, to: outDirectory)
    } catch {
      throw FileError(path: outDirectory, reason: "cannot write results: \(error)")
    }
    if let dir = args.value("certificate") {
      do {
        let files = try CertificateWriting.write(for: results, cases: outcome.cases, configuration: request.configuration, to: dir)
        if !request.quiet { print("certificates: \(files.written.count) written to \(dir)") }
        if !files.uncertified.isEmpty {
          Platform.writeStderr("certificates: \(files.uncertified.count) proved obligation(s) have none; proved again"
                               + " without HC4 contraction (which certificates cannot record), they stayed unknown:\n"
                               + files.uncertified.map { "  " + $0 + "\n" }.joined())
        }
      } catch {
        throw InternalFailure("cannot write certificates to \(dir): \(error)")
      }
    }
    let summary = RunSummary(records: results.records)
    if args.flags.contains("json") {
      print(JSONWriter.write(summary.json(outDirectory: outDirectory)), terminator: "")
    } else if !request.quiet {
      print(summary.table())
      if let comparison { print(comparison.text()) }
      print("results: \(outDirectory)/results.csv, \(outDirectory)/results.json")
    }
    for r in results.records where r.isUnsound {
      Platform.writeStderr("bcv-bench: UNSOUND: \(r.strategy) answered \(r.verdict.rawValue) (certain) on \(r.caseID), expected \(r.expected?.rawValue ?? "?")\n")
    }
    if summary.unsound > 0 { return .accuracyFailure }
    if let gateCode = comparison?.exitCode, gateCode != .success { return gateCode }
    if results.records.contains(where: { $0.outcome == .error }) {
      Platform.writeStderr("bcv-bench: \(results.records.filter { $0.outcome == .error }.count) job(s) ended in error (see the reason column)\n")
      return .internalFailure
    }
    return .success
  }

  /// The run request the options describe (shared by run, baseline update and calibrate,
  /// whose options include the selection, matrix, settings and isolation groups).
  static func makeRequest(_ args: ParsedArguments) throws -> RunRequest {
    let quiet = args.flags.contains("quiet")
    var suite: Suite?
    if let name = args.value("suite") {
      let (loaded, warnings) = try SuiteLoader.load(try SuiteLoader.locate(name))
      suite = loaded
      if !quiet { warnings.forEach { Platform.writeStderr("bcv-bench: warning: \($0)\n") } }
    }
    guard let corpusPaths = args.values["corpus"] ?? suite?.corpusPaths else {
      throw UsageError("give a suite (--suite NAME) or a corpus (--corpus PATH)", command: args.command)
    }
    var selection = suite?.selection ?? CaseSelection()
    if let tags = args.list("tags") { selection.tags = tags }
    if let ex = args.list("exclude-tags") { selection.excludeTags = ex }
    if let ids = args.list("cases") {
      selection.caseIDs = ids
      if args.list("tags") == nil { selection.tags = [] }
    }
    var request = RunRequest(suite: suite, corpusPaths: corpusPaths, selection: selection,
                             configuration: try configure(args, suite: suite))
    request.strict = args.flags.contains("strict")
    request.quiet = quiet
    if let text = args.value("shard") { request.shard = try Shard.parse(text).get() }
    return request
  }

  /// An interrupted run: the jobs done, written as results marked `"partial": true` (no
  /// gate, no history, no report: they would judge an incomplete run); the journal keeps
  /// them for `--resume`.
  static func writePartial(_ results: RunResults, planned: Int, to folder: String, quiet: Bool) throws -> ExitCode {
    var metadata = results.metadata
    if case .object(let o) = metadata {
      metadata = .object(JSONObject(o.keys.map { ($0, o[$0]!) } + [("partial", .bool(true)), ("plannedJobs", .number(planned))]))
    }
    do { try ResultsWriter.write(results.records, metadata: metadata, to: folder) } catch {
      throw FileError(path: folder, reason: "cannot write partial results: \(error)")
    }
    Platform.writeStderr("bcv-bench: interrupted: \(results.records.count) of \(planned) job(s) done, written to \(folder)/results.json "
                         + "marked partial; run the same command with --resume to finish\n")
    return .interrupted
  }

  /// The output folder, claimed for this run: `--out` naming a file is a usage error, and so
  /// is a folder another live run is writing (it is named); the claim ends with the process.
  static func claimOutput(_ folder: String, command: String) throws -> FolderLock {
    if Platform.fileExists(folder) && !Platform.isDirectory(folder) {
      throw UsageError("option '--out': '\(folder)' is a file, not a folder", command: command)
    }
    let me = "bcv-bench \(command), pid \(Platform.processID), started \(Platform.utcTimestamp())"
    let outcome: FolderLock.Outcome
    do { outcome = try FolderLock.acquire(folder, description: me) } catch {
      throw InputError(key: "out", "cannot use the output folder \(folder): \(error)")
    }
    switch outcome {
    case .acquired(let lock): return lock
    case .heldBy(let other):
      throw InputError(key: "out", "another run is writing \(folder) (\(other.isEmpty ? "unknown holder" : other)); "
                         + "wait for it or choose another --out")
    }
  }

  static func configure(_ args: ParsedArguments, suite: Suite?) throws(UsageError) -> RunConfiguration {
    var matrix = suite?.matrix ?? RunMatrix()
    // Matrix flags replace a suite's matrix blocks with one block: its first, as modified.
    let flags = ["strategies", "samples", "workers", "repetitions", "warmup", "cache"]
    if flags.contains(where: { args.values[$0] != nil }) { matrix.additionalBlocks = [] }
    if let s = try args.names("strategies", "strategy", StrategyID.names, StrategyID.init(name:)) { matrix.strategies = s }
    if let n = try args.integers("samples", in: 1...RunMatrix.maxSamples) { matrix.samples = n }
    if let w = try args.integers("workers", in: 1...RunMatrix.maxWorkers) { matrix.workers = w }
    if let r = try args.integer("repetitions", in: 1...RunMatrix.maxRepetitions) { matrix.repetitions = r }
    if let w = try args.integer("warmup", in: 0...RunMatrix.maxRepetitions) { matrix.warmup = w }
    if let modes = try args.names("cache", "cache mode", CacheMode.names, CacheMode.init(rawValue:)) { matrix.cacheModes = modes }
    if let problem = matrix.validationErrors(source: "command line").first {
      throw UsageError("\(problem.key.map { "--\($0)" } ?? "matrix"): \(problem.message)", command: args.command)
    }
    var configuration = RunConfiguration(matrix: matrix, seed: suite?.seed ?? 1, timeLimit: suite?.timeLimit,
                                         confidence: suite?.confidence ?? 0.99)
    configuration.budget = suite?.budget ?? WorkBudget()
    try configuration.apply(settings: args)
    if let dir = args.value("cache-dir") {
      guard matrix.blocks.contains(where: { $0.cacheModes.contains(.warm) }) else {
        throw UsageError("--cache-dir needs a warm job (--cache warm, or a suite whose matrix has warm): "
                           + "warm is the only mode that reads the disk cache", command: args.command)
      }
      configuration.cacheDirectory = dir
    }
    configuration.isolate = args.flags.contains("isolate")
    configuration.jobTimeout = try args.number("job-timeout", where: { $0 > 0 }, expected: "a positive number of seconds")
    configuration.memoryLimitMB = try args.integer("memory-limit", in: 64...1_048_576)
    configuration.progress = !args.flags.contains("quiet") && Platform.isTerminal(2) && Platform.environment("CI") == nil
    return configuration
  }
}

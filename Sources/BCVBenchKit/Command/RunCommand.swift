import BCVValidation

/// `bcv-bench run`: load a corpus (or a suite), run the matrix, write results.
enum RunCommand {
  static let options: [OptionSpec] = [
    OptionSpec(name: "suite", value: "NAME", help: "suite name (Suites/NAME.json) or path to a suite file"),
    OptionSpec(name: "corpus", value: "PATH", help: "corpus file or folder (repeatable; overrides the suite's)", repeatable: true),
    OptionSpec(name: "strategies", value: "LIST", help: "comma-separated strategies (\(StrategyCatalog.names.joined(separator: ", ")))"),
    OptionSpec(name: "samples", value: "N,...", help: "sample counts per obligation (default 10000)"),
    OptionSpec(name: "workers", value: "N,...", help: "worker thread counts (default 1)"),
    OptionSpec(name: "repetitions", value: "N", help: "measured repetitions of every job (default 1)"),
    OptionSpec(name: "warmup", value: "N", help: "untimed runs before each job's repetitions (default 0)"),
    OptionSpec(name: "seed", value: "S", help: "seed of every pseudo-random choice (default 1)"),
    OptionSpec(name: "time-limit", value: "SECONDS", help: "budget per obligation; over it a strategy answers unknown"),
    OptionSpec(name: "confidence", value: "C", help: "confidence of sampling's statistical bound (default 0.99)"),
    OptionSpec(name: "tags", value: "LIST", help: "run only cases with any of these tags"),
    OptionSpec(name: "exclude-tags", value: "LIST", help: "skip cases with any of these tags"),
    OptionSpec(name: "cases", value: "LIST", help: "run only these case ids"),
    OptionSpec(name: "out", value: "DIR", help: "output folder (default Reports/<suite or 'run'>)"),
    OptionSpec(name: "strict", value: nil, help: "stop at the first corpus error instead of skipping bad cases"),
    OptionSpec(name: "quiet", value: nil, help: "print nothing but errors"),
    OptionSpec(name: "json", value: nil, help: "print the summary as JSON on stdout"),
    OptionSpec(name: "help", value: nil, help: "show this help"),
  ]

  static var help: String {
    Help.render("bcv-bench run (--suite NAME | --corpus PATH...) [options]",
                "Runs every selected case under every strategy and matrix setting; writes results.csv and results.json.",
                options)
  }

  static func execute(_ words: [String]) throws -> ExitCode {
    let args = try ParsedArguments(words, options: options, command: "run")
    if args.flags.contains("help") {
      print(help)
      return .success
    }
    if let extra = args.positionals.first { throw UsageError("unexpected argument '\(extra)'", command: "run") }
    let quiet = args.flags.contains("quiet")
    var suite: Suite?
    if let name = args.value("suite") {
      let (loaded, warnings) = try SuiteLoader.load(try SuiteLoader.locate(name))
      suite = loaded
      if !quiet { warnings.forEach { Platform.writeStderr("bcv-bench: warning: \($0)\n") } }
    }
    guard let corpusPaths = args.values["corpus"] ?? suite?.corpusPaths else {
      throw UsageError("give a suite (--suite NAME) or a corpus (--corpus PATH)", command: "run")
    }
    let configuration = try configure(args, suite: suite)
    var selection = suite?.selection ?? CaseSelection()
    if let tags = args.list("tags") { selection.tags = tags }
    if let ex = args.list("exclude-tags") { selection.excludeTags = ex }
    if let ids = args.list("cases") {
      selection.caseIDs = ids
      if args.list("tags") == nil { selection.tags = [] }
    }
    let corpus = try CorpusLoader(strict: args.flags.contains("strict")).load(paths: corpusPaths)
    report(corpus, quiet: quiet)
    let cases = corpus.cases.filter(selection.selects)
    if let missing = selection.caseIDs.first(where: { id in !corpus.cases.contains { $0.id == id } }) {
      throw InputError(key: "cases", "no case with id '\(missing)' in \(corpusPaths.joined(separator: ", "))")
    }
    guard !cases.isEmpty else {
      throw InputError(key: "select", "the selection matches no case (zero jobs to run)")
    }
    let outDirectory = args.value("out") ?? "Reports/\(suite?.name ?? "run")"
    let runner = Runner(configuration: configuration)
    let (records, buildErrors) = runner.run(cases)
    buildErrors.forEach { Platform.writeStderr("bcv-bench: error: \($0)\n") }
    let metadata = Provenance.metadata(suite: suite, corpus: corpus, configuration: configuration, caseCount: cases.count)
    do {
      try ResultsWriter.write(records, metadata: metadata, to: outDirectory)
    } catch {
      throw InternalFailure("cannot write results to \(outDirectory): \(error)")
    }
    let summary = RunSummary(records: records)
    if args.flags.contains("json") {
      print(JSONWriter.write(summary.json(outDirectory: outDirectory)), terminator: "")
    } else if !quiet {
      print(summary.table())
      print("results: \(outDirectory)/results.csv, \(outDirectory)/results.json")
    }
    for r in records where r.isUnsound {
      Platform.writeStderr("bcv-bench: UNSOUND: \(r.strategy) answered \(r.verdict.rawValue) (certain) on \(r.caseID), expected \(r.expected?.rawValue ?? "?")\n")
    }
    return summary.unsound > 0 ? .accuracyFailure : .success
  }

  static func configure(_ args: ParsedArguments, suite: Suite?) throws(UsageError) -> RunConfiguration {
    var matrix = suite?.matrix ?? RunMatrix()
    if let s = args.list("strategies") { matrix.strategies = s }
    if let n = try args.integers("samples", in: 1...RunMatrix.maxSamples, command: "run") { matrix.samples = n }
    if let w = try args.integers("workers", in: 1...RunMatrix.maxWorkers, command: "run") { matrix.workers = w }
    if let r = try args.integer("repetitions", in: 1...RunMatrix.maxRepetitions, command: "run") { matrix.repetitions = r }
    if let w = try args.integer("warmup", in: 0...RunMatrix.maxRepetitions, command: "run") { matrix.warmup = w }
    if let problem = matrix.validationErrors(source: "command line").first {
      throw UsageError("\(problem.key.map { "--\($0)" } ?? "matrix"): \(problem.message)", command: "run")
    }
    var configuration = RunConfiguration(matrix: matrix, seed: suite?.seed ?? 1, timeLimit: suite?.timeLimit,
                                         confidence: suite?.confidence ?? 0.99)
    if let text = args.value("seed") {
      guard let s = UInt64(text) else { throw UsageError("option '--seed' expects a non-negative integer, got '\(text)'", command: "run") }
      configuration.seed = s
    }
    configuration.timeLimit = try args.number("time-limit", command: "run", where: { $0 > 0 }, expected: "a positive number of seconds") ?? configuration.timeLimit
    configuration.confidence = try args.number("confidence", command: "run", where: { $0 > 0 && $0 < 1 }, expected: "a number strictly between 0 and 1") ?? configuration.confidence
    configuration.progress = !args.flags.contains("quiet") && Platform.isTerminal(2) && Platform.environment("CI") == nil
    return configuration
  }

  /// Prints the corpus's warnings and rejected cases on stderr.
  static func report(_ corpus: Corpus, quiet: Bool) {
    if !quiet { corpus.warnings.forEach { Platform.writeStderr("bcv-bench: warning: \($0)\n") } }
    corpus.errors.forEach { Platform.writeStderr("bcv-bench: error: \($0) (case skipped)\n") }
  }
}

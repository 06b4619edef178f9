import BCVValidation

/// `bcv-bench run-job`: one job in a child process, for `run --isolate`. Prints the job's
/// record as one JSON line on stdout. Internal: its options follow the parent's job.
enum RunJobCommand {
  static let options: [OptionSpec] = [
    OptionSpec(name: "corpus", value: "FILE", help: "the case's corpus file"),
    OptionSpec(name: "case", value: "ID", help: "the case"),
    OptionSpec(name: "strategy", value: "NAME", help: "the strategy"),
    OptionSpec(name: "samples", value: "N", help: "samples"),
    OptionSpec(name: "workers", value: "N", help: "workers"),
    OptionSpec(name: "cache", value: "MODE", help: "cache mode"),
    OptionSpec(name: "cache-dir", value: "DIR", help: "disk cache folder"),
    OptionSpec(name: "repetition", value: "N", help: "repetition number"),
    OptionSpec(name: "seed", value: "S", help: "seed"),
    OptionSpec(name: "confidence", value: "C", help: "confidence"),
    OptionSpec(name: "smt-solver", value: "NAME", help: "z3, cvc5 or dreal: used by smt on what it leaves unknown, and by smt-external"),
    OptionSpec(name: "sequence", value: "KIND", help: "sampling points"),
    OptionSpec(name: "time-limit", value: "SECONDS", help: "wall-clock limit per obligation"),
    OptionSpec(name: "max-boxes", value: "N", help: "boxes per obligation"),
    OptionSpec(name: "max-coefficients", value: "N", help: "exact Bernstein coefficients per obligation"),
    OptionSpec(name: "memory-limit", value: "MB", help: "address-space cap of this process"),
    OptionSpec(name: "help", value: nil, help: "show this help"),
  ]

  static var help: String {
    Help.render("bcv-bench run-job --corpus FILE --case ID --strategy NAME [options]",
                "Runs one job and prints its record as JSON (used by 'run --isolate').", options)
  }

  static func execute(_ words: [String]) throws -> ExitCode {
    let args = try ParsedArguments(words, options: options, command: "run-job")
    if args.flags.contains("help") { print(help); return .success }
    guard let file = args.value("corpus"), let id = args.value("case"), let strategyName = args.value("strategy") else {
      throw UsageError("run-job needs --corpus, --case and --strategy", command: "run-job")
    }
    if let mb = try args.integer("memory-limit", in: 64...1_048_576, command: "run-job") {
      Platform.limitAddressSpace(megabytes: mb)
    }
    var matrix = RunMatrix()
    matrix.strategies = [strategyName]
    let samples = try args.integer("samples", in: 0...RunMatrix.maxSamples, command: "run-job") ?? 10_000
    matrix.samples = [max(1, samples)]
    matrix.workers = [try args.integer("workers", in: 1...RunMatrix.maxWorkers, command: "run-job") ?? 1]
    matrix.cacheModes = [args.value("cache") ?? "off"]
    if let problem = matrix.validationErrors(source: "run-job").first { throw InputError(key: problem.key, problem.message) }
    var configuration = RunConfiguration(matrix: matrix)
    if let text = args.value("seed") {
      guard let s = UInt64(text) else { throw UsageError("--seed expects a non-negative integer", command: "run-job") }
      configuration.seed = s
    }
    configuration.timeLimit = try args.number("time-limit", command: "run-job", where: { $0 > 0 }, expected: "seconds")
    configuration.budget = try WorkBudget(arguments: args, base: WorkBudget(), command: "run-job")
    configuration.confidence = try args.number("confidence", command: "run-job", where: { $0 > 0 && $0 < 1 }, expected: "a number in (0, 1)") ?? 0.99
    configuration.cacheDirectory = args.value("cache-dir")
    if let text = args.value("smt-solver") {
      guard let solver = ExternalSolver(rawValue: text) else {
        throw UsageError("option '--smt-solver' expects z3, cvc5 or dreal, got '\(text)'", command: "run-job")
      }
      configuration.smtSolver = solver
    }
    if let text = args.value("sequence") {
      guard let kind = SampleSequence(rawValue: text) else { throw UsageError("--sequence: unknown kind '\(text)'", command: "run-job") }
      configuration.sequence = kind
    }
    let corpus = try CorpusLoader().load(paths: [file])
    guard let c = corpus.cases.first(where: { $0.id == id }) else {
      throw InputError(file: file, caseID: id, "no such case")
    }
    let repetition = try args.integer("repetition", in: 0...RunMatrix.maxRepetitions, command: "run-job") ?? 0
    FaultInjection.injectIfAsked(caseID: id)
    let job = Job(caseIndex: 0, strategy: strategyName, samples: samples, workers: matrix.workers[0],
                  cache: matrix.cacheModes[0], repetition: repetition)
    let plan = RunPlan(jobs: [job])
    let (records, errors) = Runner(configuration: configuration).run([c], plan: plan)
    if let e = errors.first { throw e }
    guard let record = records.first else { throw InternalFailure("the job produced no record") }
    print(JSONWriter.write(ResultsWriter.recordJSON(record), pretty: false), terminator: "")
    return .success
  }
}

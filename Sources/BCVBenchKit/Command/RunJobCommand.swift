import BCVPlatform
import BCVValidation

/// `bcv-bench run-job`: one job in a child process, for `run --isolate`. Prints the job's
/// record as one JSON line on stdout. Internal: its options follow the parent's job.
enum RunJobCommand: Command {
  static let path = ["run-job"]
  static let summary = "Runs one job and prints its record as JSON (used by 'run --isolate')."
  static let usage = "run-job --corpus FILE --case ID --strategy NAME [options]"
  static let discussion = "Internal: the parent passes its job's settings. --cache-dir is accepted with any cache mode here."
  static let isHidden = true
  static let optionGroups = [OptionGroup("job", [.corpus, .case, .strategy, .samples, .workers, .cacheMode, .cacheDirectory, .repetition]),
                             .settings, OptionGroup("isolation", [.memoryLimit])]

  static func execute(_ args: ParsedArguments) throws -> ExitCode {
    guard let file = args.value("corpus"), let id = args.value("case"), let strategyName = args.value("strategy") else {
      throw UsageError("run-job needs --corpus, --case and --strategy", command: args.command)
    }
    if let mb = try args.integer("memory-limit", in: 64...1_048_576) {
      Platform.limitAddressSpace(megabytes: mb)
    }
    var matrix = RunMatrix()
    matrix.strategies = [strategyName]
    let samples = try args.integer("samples", in: 0...RunMatrix.maxSamples) ?? 10_000
    matrix.samples = [max(1, samples)]
    matrix.workers = [try args.integer("workers", in: 1...RunMatrix.maxWorkers) ?? 1]
    matrix.cacheModes = [args.value("cache") ?? "off"]
    if let problem = matrix.validationErrors(source: "run-job").first { throw InputError(key: problem.key, problem.message) }
    var configuration = RunConfiguration(matrix: matrix)
    try configuration.apply(settings: args)
    configuration.cacheDirectory = args.value("cache-dir")
    let corpus = try CorpusLoader().load(paths: [file])
    guard let c = corpus.cases.first(where: { $0.id == id }) else {
      throw InputError(file: file, caseID: id, "no such case")
    }
    let repetition = try args.integer("repetition", in: 0...RunMatrix.maxRepetitions) ?? 0
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

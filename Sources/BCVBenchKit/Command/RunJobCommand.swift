import BCVPlatform
import BCVValidation

/// `bcv-bench run-job`: one job in a child process, for `run --isolate`. Prints the job's
/// record as one JSON line on stdout. Internal: its options follow the parent's job.
enum RunJobCommand: Command {
  static let path = ["run-job"]
  static let summary = "Runs one job and prints its record as JSON (used by 'run --isolate')."
  static let usage = "run-job --job DOCUMENT"
  static let discussion = "Internal: DOCUMENT is the job and the parent's whole run configuration as one JSON object (IsolatedJob)."
  static let isHidden = true
  static let optionGroups = [OptionGroup("job", [.isolatedJob])]

  static func execute(_ args: ParsedArguments) throws -> ExitCode {
    guard let text = args.value("job") else { throw UsageError("run-job needs --job DOCUMENT", command: args.command) }
    let document: JSONValue
    do { document = try JSONParser.parse(text) } catch let e {
      throw InputError(file: "run-job --job", line: e.line, column: e.column, "not JSON: \(e.reason)")
    }
    let spec = try IsolatedJob(json: document)
    if let mb = spec.configuration.memoryLimitMB { Platform.limitAddressSpace(megabytes: mb) }
    let corpus = try CorpusLoader().load(paths: [spec.corpusFile])
    guard let c = corpus.cases.first(where: { $0.id == spec.caseID }) else {
      throw InputError(file: spec.corpusFile, caseID: spec.caseID, "no such case")
    }
    FaultInjection.injectIfAsked(caseID: spec.caseID)
    let (records, errors) = Runner(configuration: spec.configuration).run([c], plan: RunPlan(jobs: [spec.job]))
    if let e = errors.first { throw e }
    guard let record = records.first else { throw InternalFailure("the job produced no record") }
    print(JSONWriter.write(ResultsWriter.recordJSON(record), pretty: false), terminator: "")
    return .success
  }
}

/// `bcv-bench baseline update --suite NAME [--from RESULTS]`: store a suite's reference run.
enum BaselineUpdateCommand: Command {
  static let path = ["baseline", "update"]
  static let summary = "Runs the suite (or reads a finished run) and writes its baseline atomically."
  static let usage = "baseline update --suite NAME [--from RESULTS] [--file FILE] [run options]"
  static let discussion = """
    With --from only --suite, --file and --quiet apply (the run is already made). Refuses results with an unsound answer; \
    keeps the noise calibrated in the previous baseline of the same machine class.
    """
  static let optionGroups = OptionGroup.selection + .matrix + .settings + .isolation
    + OptionGroup("baseline", [.from, .baselineFile, .quiet])

  static func execute(_ args: ParsedArguments) throws -> ExitCode {
    let request = try RunCommand.makeRequest(args)
    guard let suite = request.suite else { throw UsageError("baseline update needs --suite NAME", command: args.command) }
    let results: RunResults
    if let from = args.value("from") {
      let given = Set(args.values.keys).union(args.flags).subtracting(["from", "suite", "file", "quiet"])
      if let name = given.sorted().first {
        throw UsageError("--from takes a finished run as it is; '--\(name)' would not apply to it", command: args.command)
      }
      results = try ResultsReader.read(from)
      let stored = results.metadata.objectValue?["suite"]?.stringValue
      guard stored == suite.name else {
        throw InputError(file: results.file, key: "run.suite", "these results are for suite '\(stored ?? "none")', not '\(suite.name)'")
      }
    } else {
      results = try request.perform().results
    }
    if results.metadata.objectValue?["partial"]?.boolValue == true {
      throw InputError(file: results.file, key: "run.partial", "refusing to store a baseline from an interrupted run (finish it with --resume first)")
    }
    if let unsound = results.records.first(where: \.isUnsound) {
      throw InputError(key: "results", "refusing to store a baseline with an unsound answer (\(unsound.caseID), \(unsound.strategy))")
    }
    let path = args.value("file") ?? "Baselines/\(suite.name).json"
    var baseline = Baseline(results: results, suiteHash: suite.contentHash)
    if let previous = try? Baseline.load(path), previous.machineClass == baseline.machineClass {
      baseline.noise = previous.noise
    }
    do { try baseline.write(to: path) } catch { throw InternalFailure("cannot write \(path): \(error)") }
    if !request.quiet { print("baseline: \(path) (\(baseline.jobs.count) jobs)") }
    return .success
  }
}

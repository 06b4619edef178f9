/// `bcv-bench baseline update --suite NAME [--from RESULTS]`: store a suite's reference run.
enum BaselineCommand {
  static let options: [OptionSpec] = RunCommand.options.filter { !["gate", "baseline", "lenient", "no-confirm", "shard", "json"].contains($0.name) } + [
    OptionSpec(name: "from", value: "RESULTS", help: "take an existing results.json (or run folder) instead of running"),
    OptionSpec(name: "file", value: "FILE", help: "where to write (default Baselines/<suite>.json)"),
  ]

  static var help: String {
    Help.render("bcv-bench baseline update --suite NAME [--from RESULTS] [run options]",
                "Runs the suite (or reads a finished run) and writes its baseline atomically.", options)
  }

  static func execute(_ words: [String]) throws -> ExitCode {
    guard let sub = words.first, sub == "update" else {
      if words.first == "--help" || words.first == "-h" { print(help); return .success }
      throw UsageError("expected 'baseline update'", command: "baseline")
    }
    let args = try ParsedArguments(Array(words.dropFirst()), options: options, command: "baseline update")
    if args.flags.contains("help") { print(help); return .success }
    let request = try RunCommand.makeRequest(args, command: "baseline update")
    guard let suite = request.suite else { throw UsageError("baseline update needs --suite NAME", command: "baseline update") }
    let results: RunResults
    if let from = args.value("from") {
      results = try ResultsReader.read(from)
      let stored = results.metadata.objectValue?["suite"]?.stringValue
      guard stored == suite.name else {
        throw InputError(file: results.file, key: "run.suite", "these results are for suite '\(stored ?? "none")', not '\(suite.name)'")
      }
    } else {
      results = try request.perform().results
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

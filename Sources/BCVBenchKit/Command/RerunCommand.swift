import BCVPlatform
import BCVValidation

/// `bcv-bench rerun RESULTS.json`: repeat exactly the run a results file describes, and say
/// what differs in the environment.
enum RerunCommand: Command {
  static let path = ["rerun"]
  static let summary = "Repeats the run a results file describes, then lists what differs in environment and outcomes."
  static let usage = "rerun RESULTS.json [--out DIR]"
  static let discussion = "Same corpus paths, cases, matrix, seed, limits and shard. --out defaults to Reports/rerun."
  static let optionGroups = [OptionGroup("output", [.out, .quiet])]
  static let takesPositionals = true

  static func execute(_ args: ParsedArguments) throws -> ExitCode {
    guard args.positionals.count == 1 else { throw UsageError("expected one results file", command: args.command) }
    let original = try ResultsReader.read(args.positionals[0])
    let request = try requestReproducing(original)
    let outcome = try request.perform()
    var results = outcome.results
    let out = args.value("out") ?? "Reports/rerun"
    results.file = out + "/results.json"
    do { try ResultsWriter.write(results.records, metadata: results.metadata, to: out) } catch {
      throw FileError(path: out, reason: "cannot write results: \(error)")
    }
    if !args.flags.contains("quiet") {
      for line in environmentDifferences(original.metadata, results.metadata) { print("differs: \(line)") }
      let comparison = Comparator(lenient: false).compare(baseline: Baseline(results: original, suiteHash: nil),
                                                          candidate: Baseline(results: results, suiteHash: nil))
      print(comparison.text())
      print("results: \(out)/results.csv, \(out)/results.json")
    }
    return results.records.contains(where: \.isUnsound) ? .accuracyFailure : .success
  }

  static func requestReproducing(_ original: RunResults) throws(InputError) -> RunRequest {
    let file = original.file
    guard let meta = original.metadata.objectValue, let paths = meta["corpusPaths"]?.arrayValue?.compactMap(\.stringValue),
          let ids = meta["caseIDs"]?.arrayValue?.compactMap(\.stringValue) else {
      throw InputError(file: file, key: "run", "does not describe its run fully (corpusPaths, caseIDs, matrix, seed)")
    }
    var configuration = try RunConfiguration(json: original.metadata, file: file, keyPrefix: "run")
    if let problem = configuration.matrix.validationErrors(source: file).first { throw problem }
    // Where the original run kept its cache, and whether it isolated jobs, belong to that
    // machine; a rerun uses this one's defaults.
    configuration.cacheDirectory = RunConfiguration().cacheDirectory
    configuration.isolate = false
    let suite = meta["suiteFile"]?.stringValue.flatMap { try? SuiteLoader.load($0).suite }
    var request = RunRequest(suite: suite, corpusPaths: paths, selection: CaseSelection(tags: [], caseIDs: ids),
                             configuration: configuration)
    if let text = meta["shard"]?.stringValue, case .success(let shard) = Shard.parse(text) { request.shard = shard }
    return request
  }

  /// Provenance fields whose values differ, as "name: old → new".
  static func environmentDifferences(_ old: JSONValue, _ new: JSONValue) -> [String] {
    var lines: [String] = []
    let o = old.objectValue, n = new.objectValue
    for key in ["commit", "corpusHash"] where o?[key] != n?[key] {
      lines.append("\(key): \(o?[key]?.stringValue ?? "?") → \(n?[key]?.stringValue ?? "?")")
    }
    let om = o?["machineClass"]?.objectValue, nm = n?["machineClass"]?.objectValue
    for key in Set((om?.keys ?? []) + (nm?.keys ?? [])).sorted() where om?[key] != nm?[key] {
      lines.append("\(key): \(describe(om?[key])) → \(describe(nm?[key]))")
    }
    return lines
  }

  static func describe(_ v: JSONValue?) -> String {
    guard let v else { return "?" }
    return JSONWriter.write(v, pretty: false).trimmed
  }
}

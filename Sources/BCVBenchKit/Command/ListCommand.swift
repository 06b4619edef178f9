import BCVPlatform
import BCVValidation

/// `bcv-bench list`: suites, the cases a suite or corpus selects, and the expanded matrix.
enum ListCommand: Command {
  static let path = ["list"]
  static let summary = "Lists the suites in Suites/; with a suite or corpus, its cases and run matrix."
  static let usage = "list [--suite NAME | --corpus PATH...]"
  static let optionGroups = [OptionGroup("selection", [.suite, .corpus])]

  static func execute(_ args: ParsedArguments) throws -> ExitCode {
    var suite: Suite?
    if let name = args.value("suite") { suite = try SuiteLoader.load(try SuiteLoader.locate(name)).suite }
    guard let paths = args.values["corpus"] ?? suite?.corpusPaths else {
      let files = (try? Platform.listFiles(under: "Suites", withExtension: "json")) ?? []
      for f in files where !f.dropFirst("Suites/".count).contains("/") {
        if let s = try? SuiteLoader.load(f).suite {
          print("\(s.name.padded(to: 12)) \(s.description ?? "")")
        }
      }
      return .success
    }
    let corpus = try CorpusLoader().load(paths: paths)
    corpus.warnings.forEach { Platform.writeStderr("bcv-bench: warning: \($0)\n") }
    corpus.errors.forEach { Platform.writeStderr("bcv-bench: error: \($0) (case skipped)\n") }
    let cases = corpus.cases.filter((suite?.selection ?? CaseSelection()).selects)
    for c in cases {
      let expected = c.expected.map { $0.verdict.rawValue + ($0.violates.map { "(\($0.rawValue))" } ?? "") } ?? "-"
      print("\(c.id.padded(to: 28)) \(c.problem.dimension)d \(c.problem.time.rawValue.padded(to: 10)) \(c.problem.condition.name.padded(to: 11)) \(expected.padded(to: 16)) \(c.tags.joined(separator: ","))")
    }
    let matrix = suite?.matrix ?? RunMatrix()
    let jobs = matrix.jobs(caseCount: cases.count).count
    for (i, b) in matrix.blocks.enumerated() {
      print("block \(i + 1): strategies \(b.strategies.map(\.name).joined(separator: ",")) × samples \(b.samples.map(String.init).joined(separator: ",")) × workers \(b.workers.map(String.init).joined(separator: ",")) × cache \(b.cacheModes.map(\.rawValue).joined(separator: ",")) × \(b.repetitions) repetitions (+\(b.warmup) warm-up)")
    }
    print("\(cases.count) cases, \(matrix.blocks.count) matrix block(s): \(jobs) jobs")
    return .success
  }
}

/// `bcv-bench compare BASE CANDIDATE`: each a baseline file or a run's output folder.
enum CompareCommand {
  static let options: [OptionSpec] = [
    OptionSpec(name: "thresholds", value: "PRESET", help: "default, strict or relaxed (default: the baseline suite's gate, else default)"),
    OptionSpec(name: "min-effect", value: "F", help: "minimum slowdown that counts, as a fraction (default 0.10)"),
    OptionSpec(name: "alpha", value: "A", help: "significance level after correction (default 0.05)"),
    OptionSpec(name: "lenient", value: nil, help: "jobs missing from the candidate do not fail"),
    OptionSpec(name: "out", value: "DIR", help: "also write comparison.json there"),
    OptionSpec(name: "json", value: nil, help: "print the comparison as JSON"),
    OptionSpec(name: "help", value: nil, help: "show this help"),
  ]

  static var help: String {
    Help.render("bcv-bench compare BASE CANDIDATE [options]",
                "Compares two runs (baseline files or run folders): accuracy exactly, counters exactly, time statistically.",
                options)
  }

  static func execute(_ words: [String]) throws -> ExitCode {
    let args = try ParsedArguments(words, options: options, command: "compare")
    if args.flags.contains("help") { print(help); return .success }
    guard args.positionals.count == 2 else {
      throw UsageError("expected BASE and CANDIDATE, got \(args.positionals.count) argument(s)", command: "compare")
    }
    let base = try Baseline.load(args.positionals[0])
    let candidate = try Baseline.load(args.positionals[1])
    var thresholds = GateThresholds.default
    if let name = args.value("thresholds") {
      guard let preset = GateThresholds.preset(named: name) else {
        throw UsageError("unknown thresholds preset '\(name)' (default, strict, relaxed)", command: "compare")
      }
      thresholds = preset
    }
    thresholds.minEffect = try args.number("min-effect", command: "compare", where: { $0 >= 0 }, expected: "a non-negative fraction") ?? thresholds.minEffect
    thresholds.alpha = try args.number("alpha", command: "compare", where: { $0 > 0 && $0 < 1 }, expected: "a number in (0, 1)") ?? thresholds.alpha
    if let old = base.corpusHash, let new = candidate.corpusHash, old != new {
      throw InputError(file: args.positionals[1], key: "corpusHash", "the two runs used different corpora; they cannot be compared")
    }
    let comparison = Comparator(thresholds: thresholds, lenient: args.flags.contains("lenient")).compare(baseline: base, candidate: candidate)
    if let out = args.value("out") {
      do { try AtomicFile.write(JSONWriter.write(comparison.json()), to: out + "/comparison.json") } catch {
        throw InternalFailure("cannot write \(out)/comparison.json: \(error)")
      }
    }
    if args.flags.contains("json") { print(JSONWriter.write(comparison.json()), terminator: "") } else { print(comparison.text()) }
    return comparison.exitCode
  }
}

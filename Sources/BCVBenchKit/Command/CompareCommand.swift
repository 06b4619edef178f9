import BCVPlatform

/// `bcv-bench compare BASE CANDIDATE`: each a baseline file or a run's output folder.
enum CompareCommand: Command {
  static let path = ["compare"]
  static let summary = "Compares two runs (baseline files or run folders): accuracy and counters exactly, time statistically."
  static let usage = "compare BASE CANDIDATE [options]"
  static let discussion = "With --out DIR the comparison is also written to DIR/comparison.json."
  static let optionGroups = [OptionGroup("comparison", [.thresholds, .minEffect, .alpha, .lenient]), OptionGroup("output", [.out, .json])]
  static let takesPositionals = true

  static func execute(_ args: ParsedArguments) throws -> ExitCode {
    guard args.positionals.count == 2 else {
      throw UsageError("expected BASE and CANDIDATE, got \(args.positionals.count) argument(s)", command: args.command)
    }
    let base = try Baseline.load(args.positionals[0])
    let candidate = try Baseline.load(args.positionals[1])
    var thresholds = GateThresholds.default
    if let name = args.value("thresholds") {
      guard let preset = GateThresholds.preset(named: name) else {
        throw UsageError("unknown thresholds preset '\(name)' (default, strict, relaxed)", command: args.command)
      }
      thresholds = preset
    }
    thresholds.minEffect = try args.number("min-effect", where: { $0 >= 0 }, expected: "a non-negative fraction") ?? thresholds.minEffect
    thresholds.alpha = try args.number("alpha", where: { $0 > 0 && $0 < 1 }, expected: "a number in (0, 1)") ?? thresholds.alpha
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

import BCVPlatform
import BCVValidation

/// `bcv-bench validate FILE --case ID`: one case, one strategy, a readable verdict.
enum ValidateCommand: Command {
  static let path = ["validate"]
  static let summary = "Validates one case and prints its verdict, each obligation's outcome and any counterexample."
  static let usage = "validate FILE --case ID [--strategy NAME] [options]"
  static let optionGroups = [OptionGroup("validation", [.case, .strategy, .samples, .workers, .seed, .timeLimit])]
  static let takesPositionals = true

  static func execute(_ args: ParsedArguments) throws -> ExitCode {
    guard args.positionals.count == 1 else {
      throw UsageError(args.positionals.isEmpty ? "missing the corpus FILE" : "expected one FILE, got \(args.positionals.count)",
                       command: args.command)
    }
    guard let id = args.value("case") else { throw UsageError("missing '--case ID'", command: args.command) }
    let name = args.value("strategy") ?? "sampling"
    guard let strategy = StrategyCatalog.named(name) else {
      throw UsageError("unknown strategy '\(name)' (available: \(StrategyCatalog.names.joined(separator: ", ")))", command: args.command)
    }
    var settings = StrategySettings()
    settings.samples = try args.integer("samples", in: 1...RunMatrix.maxSamples) ?? settings.samples
    settings.workers = try args.integer("workers", in: 1...RunMatrix.maxWorkers) ?? settings.workers
    settings.seed = try args.seed() ?? settings.seed
    settings.timeLimit = try args.number("time-limit", where: { $0 > 0 }, expected: "a positive number of seconds")
    let file = args.positionals[0]
    let corpus = try CorpusLoader().load(paths: [file])
    guard let c = corpus.cases.first(where: { $0.id == id }) else {
      if let e = corpus.errors.first(where: { $0.caseID == id }) { throw e }
      throw InputError(file: file, caseID: id, "no such case" + (corpus.errors.isEmpty ? "" : " (\(corpus.errors.count) case(s) in the file were rejected)"))
    }
    let obligations: [CompiledObligation]
    do {
      obligations = try c.problem.obligations().map(CompiledObligation.init)
    } catch let e {
      throw InputError(file: file, caseID: id, e.description)
    }
    let clock = Stopwatch()
    let verdict = strategy.validate(obligations, settings: settings)
    let seconds = clock.elapsedSeconds
    print(VerdictReport(case: c, strategy: strategy, verdict: verdict, seconds: seconds).text)
    let outcome = Outcome.scoring(verdict.kind, against: c.expected)
    return outcome == .wrong && verdict.proof ? .accuracyFailure : .success
  }
}

/// The human-readable account of one verdict.
struct VerdictReport {
  let `case`: CorpusCase
  let strategy: any Strategy
  let verdict: Verdict
  let seconds: Double

  var text: String {
    let names = `case`.problem.variables
    var lines = ["case \(`case`.id) (\(`case`.file)), strategy \(strategy.name)"]
    switch verdict.kind {
    case .valid:
      lines.append("verdict: valid" + (verdict.proof ? " (proof)" : " (not a proof: no counterexample found)"))
    case .invalid:
      let how = verdict.counterexample.map { $0.confirmation == .exactRational ? "confirmed exactly" : "confirmed by interval arithmetic" } ?? ""
      lines.append("verdict: invalid: \(verdict.violates!.rawValue) condition fails (\(how))")
      if let cex = verdict.counterexample {
        let coords = zip(names, cex.point).map { "\($0) = \($1)" }.joined(separator: ", ")
        lines.append("counterexample: \(coords)  (value \(cex.value) > 0)")
      }
    case .unknown:
      lines.append("verdict: unknown")
    }
    lines.append("obligations:")
    for o in verdict.obligations {
      lines.append("  " + o.condition.rawValue.padded(to: 8) + describe(o))
    }
    if let e = `case`.expected {
      let outcome = Outcome.scoring(verdict.kind, against: e)
      lines.append("expected: \(e.verdict.rawValue)" + (e.violates.map { " (\($0.rawValue))" } ?? "") + " → \(outcome.rawValue)")
    }
    lines.append("time: \(String(format3: seconds)) s, \(verdict.evaluations) evaluations, \(verdict.boxes) boxes")
    return lines.joined(separator: "\n")
  }

  func describe(_ o: ObligationResult) -> String {
    switch o.status {
    case .holds(proof: true): return "holds (proof)"
    case .holds(proof: false):
      var s = "holds on \(o.samplesInRegion) samples in the region (not a proof)"
      if o.evaluations > 0 && o.samplesInRegion > 0 {
        s += "; \(String(format3: Double(o.samplesInRegion) / Double(o.evaluations) * 100))% of \(o.evaluations) draws accepted"
      }
      if let b = o.violationFractionBound, let c = o.confidence {
        s += "; violating fraction < \(String(format3: b * 100))% at \(String(format3: c * 100))% confidence"
      }
      return s
    case .violated(let cex):
      return "violated at (" + cex.point.map { "\($0)" }.joined(separator: ", ") + "), value \(cex.value)"
    case .unknown(let reason):
      return "unknown: \(reason)"
    }
  }
}

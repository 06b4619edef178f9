import BCVValidation

extension RunConfiguration {
  /// Reads the strategy-settings options (`OptionGroup.settings`) over the values already
  /// set — a suite's, or the defaults: each option given replaces its setting, the others
  /// stay. Shared by `run` (and the commands built on its request) and the `run-job` child.
  mutating func apply(settings args: ParsedArguments) throws(UsageError) {
    seed = try args.seed() ?? seed
    timeLimit = try args.number("time-limit", where: { $0 > 0 }, expected: "a positive number of seconds") ?? timeLimit
    budget = try WorkBudget(arguments: args, base: budget, command: args.command)
    confidence = try args.number("confidence", where: { $0 > 0 && $0 < 1 }, expected: "a number strictly between 0 and 1") ?? confidence
    if let text = args.value("smt-solver") {
      guard let solver = ExternalSolver(rawValue: text) else {
        throw UsageError("option '--smt-solver' expects z3, cvc5 or dreal, got '\(text)'", command: args.command)
      }
      smtSolver = solver
    }
    if let text = args.value("sequence") {
      guard let kind = SampleSequence(rawValue: text) else {
        throw UsageError("option '--sequence' expects uniform, halton or sobol, got '\(text)'", command: args.command)
      }
      sequence = kind
    }
  }
}

extension ParsedArguments {
  /// `--seed S`: a non-negative integer, or nil when not given.
  func seed() throws(UsageError) -> UInt64? {
    guard let text = value("seed") else { return nil }
    guard let s = UInt64(text) else { throw UsageError("option '--seed' expects a non-negative integer, got '\(text)'", command: command) }
    return s
  }
}

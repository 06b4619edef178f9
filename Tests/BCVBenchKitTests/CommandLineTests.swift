@testable import BCVBenchKit
import BCVTestSupport
import Testing

/// The command line as derived from `Commands.all`: every command (hidden ones included)
/// answers `-h`/`--help`, accepts exactly its own options and names its own help when not.
@Suite struct CommandLineParsing {
  static let names = Commands.all.map { $0.name }

  static func command(_ name: String) -> any Command.Type { Commands.all.first { $0.name == name }! }

  /// The help text a command line prints (`-h`/`--help`, or the `help` command), or nil
  /// when it resolves to something else.
  static func helpText(_ words: [String]) throws -> String? {
    switch try BenchMain.resolve(words) {
    case .help(let text): return text
    case .execute(let command, let args) where command.name == "help": return try Help.text(topic: args.positionals)
    default: return nil
    }
  }

  /// The usage error a command line is refused with.
  static func usageError(_ words: [String]) -> UsageError? {
    do {
      _ = try BenchMain.resolve(words)
      return nil
    } catch {
      return error
    }
  }

  @Test(arguments: names)
  func everyCommandAnswersShortAndLongHelpWithItsOwnText(name: String) throws {
    let command = Self.command(name)
    let expected = Help.text(for: command)
    #expect(expected.contains("bcv-bench \(command.usage)"))
    for flag in ["-h", "--help"] {
      #expect(try Self.helpText(command.path + [flag]) == expected, "\(name) \(flag)")
    }
    #expect(try Self.helpText(["help"] + command.path) == expected)
    #expect(try Self.helpText(["--help"] + command.path) == expected)
  }

  @Test(arguments: names)
  func helpWinsWhereverItStandsAmongACommandsWords(name: String) throws {
    let command = Self.command(name)
    let some = command.options.first.map { ["--\($0.name)"] + ($0.value == nil ? [] : ["x"]) } ?? []
    #expect(try Self.helpText(command.path + some + ["-h"]) == Help.text(for: command))
  }

  /// For each command: an option another command declares and it does not.
  static var foreignOptions: [(String, String)] {
    Commands.all.compactMap { command in
      let own = Set(command.options.map(\.name))
      let foreign = Commands.all.flatMap { $0.options.map(\.name) }.first { !own.contains($0) }
      return foreign.map { (command.name, $0) }
    }
  }

  @Test func everyCommandHasAForeignOptionToRefuse() {
    #expect(Self.foreignOptions.count == Commands.all.count)
  }

  @Test(arguments: foreignOptions)
  func everyCommandRefusesAnOptionItDoesNotDeclareNamingItsOwnHelp(name: String, option: String) throws {
    let command = Self.command(name)
    let error = try #require(Self.usageError(command.path + ["--\(option)", "x"]))
    #expect(error.command == name)
    #expect(error.text.contains("Run 'bcv-bench \(name) --help'"), "\(error.text)")
    #expect(error.message.contains("--\(option)"))
  }

  @Test(arguments: ["out", "certificate", "history", "resume", "gate", "json", "shard", "baseline", "lenient", "no-confirm"])
  func baselineUpdateRefusesTheRunOptionsItWouldIgnore(option: String) throws {
    let error = try #require(Self.usageError(["baseline", "update", "--suite", "smoke", "--\(option)"]))
    #expect(error.command == "baseline update")
    #expect(error.text.contains("bcv-bench baseline update --help"))
    #expect(!error.text.contains("run --help"))
  }

  @Test func baselineUpdateFromAFinishedRunRefusesRunOptions() throws {
    let args = try Self.arguments(["baseline", "update", "--suite", "smoke", "--from", "x", "--samples", "5"])
    #expect(throws: UsageError.self) { try BaselineUpdateCommand.execute(args) }
  }

  @Test func calibrateRefusesHistoryAndCertificates() {
    #expect(Self.usageError(["calibrate", "--suite", "smoke", "--history", "h"])?.command == "calibrate")
    #expect(Self.usageError(["calibrate", "--suite", "smoke", "--certificate", "c"])?.command == "calibrate")
  }

  @Test func anOptionNoCommandKnowsIsUnknownAndANearOneIsSuggested() throws {
    #expect(Self.usageError(["list", "--frobnicate"])?.message == "unknown option '--frobnicate'")
    #expect(Self.usageError(["run", "--corpsu", "x"])?.message.contains("did you mean '--corpus'?") == true)
    let foreign = try #require(Self.usageError(["merge", "--samples", "3"]))
    #expect(foreign.message.contains("an option of run"))
    #expect(!foreign.message.contains("run-job"))
  }

  @Test(arguments: [("valdate", "validate"), ("lsit", "list"), ("merg", "merge"), ("baseline", "baseline")])
  func anUnknownCommandSuggestsTheNearest(typed: String, nearest: String) throws {
    guard typed != nearest else {
      // A group word alone needs its subcommand.
      #expect(Self.usageError([typed])?.message.contains("expected one of: update") == true)
      return
    }
    let error = try #require(Self.usageError([typed]))
    #expect(error.message == "unknown command '\(typed)' (did you mean '\(nearest)'?)")
    #expect(error.text.contains("Run 'bcv-bench --help'"))
  }

  @Test func anUnknownSubcommandSuggestsTheNearestAndNamesItsGroupsHelp() throws {
    let error = try #require(Self.usageError(["baseline", "updat"]))
    #expect(error.message.contains("did you mean 'update'?"))
    #expect(error.command == "baseline")
    #expect(try Self.helpText(["baseline", "-h"])?.contains("bcv-bench baseline update") == true)
    #expect(throws: UsageError.self) { try Self.helpText(["help", "frobnicate"]) }
  }

  @Test func theOverviewListsEveryVisibleCommandAndNotTheChildJob() throws {
    let overview = try #require(try Self.helpText([]))
    #expect(try Self.helpText(["-h"]) == overview)
    #expect(try Self.helpText(["help"]) == overview)
    for command in Commands.visible { #expect(overview.contains("  \(command.name) "), "\(command.name)") }
    #expect(!overview.contains("run-job"))
    #expect(Commands.all.contains { $0.name == "run-job" && $0.isHidden })
  }

  @Test func aLeadingOptionMeansRun() throws {
    guard case .execute(let command, let args) = try BenchMain.resolve(["--suite", "smoke", "--quiet"]) else {
      Issue.record("expected a command")
      return
    }
    #expect(command.name == "run")
    #expect(args.value("suite") == "smoke")
  }

  @Test func valuesGivenTwiceFlagsGivenValuesAndStrayWordsStayErrors() {
    #expect(Self.usageError(["run", "--seed", "1", "--seed", "2"])?.message.contains("given more than once") == true)
    #expect(Self.usageError(["run", "--quiet=yes"])?.message.contains("takes no value") == true)
    #expect(Self.usageError(["run", "--out"])?.message.contains("needs a value") == true)
    #expect(Self.usageError(["list", "extra"])?.message == "unexpected argument 'extra'")
    #expect(Self.usageError(["list", "extra"])?.command == "list")
  }

  @Test(arguments: [
    (["run", "--corpus", "c", "--baseline", "b.json"], "--baseline needs --gate"),
    (["run", "--corpus", "c", "--lenient"], "--lenient needs --gate"),
    (["merge", "d", "--no-confirm"], "--no-confirm needs --gate"),
    (["run", "--corpus", "c", "--job-timeout", "5"], "--job-timeout needs --isolate"),
    (["calibrate", "--suite", "s", "--memory-limit", "512"], "--memory-limit needs --isolate"),
  ] as [([String], String)])
  func optionsThatModifyAnAbsentSwitchAreRefused(words: [String], message: String) throws {
    let error = try #require(Self.usageError(words))
    #expect(error.message.hasPrefix(message), "\(error.message)")
    #expect(error.command == words[0])
  }

  @Test func theSwitchedOptionsAreAcceptedWithTheirSwitchAndWhereTheyStandAlone() throws {
    _ = try Self.arguments(["run", "--corpus", "c", "--gate", "--baseline", "b.json", "--lenient", "--no-confirm"])
    _ = try Self.arguments(["run", "--corpus", "c", "--isolate", "--job-timeout", "5", "--memory-limit", "512"])
    _ = try Self.arguments(["compare", "a", "b", "--lenient"])
    _ = try Self.arguments(["run-job", "--job", "{}"])
  }

  @Test func noCommandDeclaresAnOptionTwice() {
    for command in Commands.all {
      let names = command.options.map(\.name)
      #expect(Set(names).count == names.count, "\(command.name)")
      #expect(!names.contains("help"), "\(command.name): help is answered for every command")
    }
  }

  static func arguments(_ words: [String]) throws -> ParsedArguments {
    guard case .execute(_, let args) = try BenchMain.resolve(words) else { throw UsageError("not a command", command: "") }
    return args
  }
}

/// `--cache-dir` names the disk folder of warm jobs; without a warm job it would do nothing,
/// so it is a usage error.
@Suite struct CacheDirectoryOption {
  static func configure(_ words: [String], suite: Suite? = nil) throws -> RunConfiguration {
    try RunCommand.configure(try CommandLineParsing.arguments(["run"] + words), suite: suite)
  }

  @Test(arguments: [["--cache", "warm"], ["--cache", "off,warm"], ["--cache", "cold,warm", "--samples", "10"]])
  func isAcceptedWithAWarmJob(words: [String]) throws {
    #expect(try Self.configure(words + ["--cache-dir", "/tmp/c"]).cacheDirectory == "/tmp/c")
  }

  @Test(arguments: [[], ["--cache", "off"], ["--cache", "cold,off"]])
  func isAUsageErrorWithoutAWarmJob(words: [String]) throws {
    do {
      _ = try Self.configure(words + ["--cache-dir", "/tmp/c"])
      Issue.record("accepted --cache-dir without a warm job")
    } catch let error as UsageError {
      #expect(error.message.contains("--cache-dir needs a warm job"))
      #expect(error.command == "run")
    }
  }

  @Test func aSuiteWhoseMatrixHasWarmAllowsItUnlessTheCommandLineReplacesTheModes() throws {
    let text = """
      { "format": "bcv-suite/1", "name": "w", "corpus": ["corpus"],
        "matrix": { "strategies": ["interval"], "cache": ["off", "warm"] } }
      """
    let suite = try SuiteLoader.load(text: text, file: "w.json").suite
    #expect(try Self.configure(["--cache-dir", "/tmp/c"], suite: suite).cacheDirectory == "/tmp/c")
    #expect(throws: UsageError.self) { try Self.configure(["--cache", "off", "--cache-dir", "/tmp/c"], suite: suite) }
  }

  @Test func withoutTheOptionTheDefaultFolderStays() throws {
    #expect(try Self.configure([]).cacheDirectory == RunConfiguration(matrix: RunMatrix()).cacheDirectory)
  }
}

/// The strategy-settings group is read in one place for `run` and `run-job`: a suite's
/// settings stay unless the command line replaces them, one by one.
@Suite struct SettingsOptions {
  static let suite: Suite = {
    let text = """
      { "format": "bcv-suite/1", "name": "s", "corpus": ["corpus"], "seed": 7, "timeLimit": 3, "confidence": 0.9,
        "budget": { "maxBoxes": 123, "maxCoefficients": 456 } }
      """
    return try! SuiteLoader.load(text: text, file: "s.json").suite
  }()

  @Test func aSuitesSettingsStayWhenTheCommandLineSaysNothing() throws {
    let c = try RunCommand.configure(try CommandLineParsing.arguments(["run"]), suite: Self.suite)
    #expect(c.seed == 7 && c.timeLimit == 3 && c.confidence == 0.9)
    #expect(c.budget.maxBoxes == 123 && c.budget.maxCoefficients == 456)
  }

  @Test func eachGivenOptionReplacesItsSettingOnly() throws {
    let args = try CommandLineParsing.arguments(["run", "--seed", "9", "--max-boxes", "5", "--sequence", "sobol", "--smt-solver", "cvc5"])
    let c = try RunCommand.configure(args, suite: Self.suite)
    #expect(c.seed == 9 && c.timeLimit == 3 && c.confidence == 0.9)
    #expect(c.budget.maxBoxes == 5 && c.budget.maxCoefficients == 456)
    #expect(c.sequence == .sobol && c.smtSolver == .cvc5)
  }

  @Test(arguments: [["--seed", "-1"], ["--sequence", "random"], ["--smt-solver", "yices"], ["--confidence", "1"]])
  func badSettingsAreUsageErrorsOfTheCommandGiven(words: [String]) throws {
    for path in [["run"], ["calibrate"]] {
      let args = try CommandLineParsing.arguments(path + words)
      var configuration = RunConfiguration()
      do {
        try configuration.apply(settings: args)
        Issue.record("accepted \(words)")
      } catch {
        #expect(error.command == path[0])
        #expect(error.message.contains("--\(words[0].dropFirst(2))"))
      }
    }
  }
}

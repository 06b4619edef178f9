import BCVPlatform

/// The one exit funnel: runs a command line and maps every outcome to a message and a
/// documented exit code. Nothing below prints an error and carries on.
public enum BenchMain {
  public static let version = "0.1.0"

  /// Runs `bcv-bench` with the words after the program name; returns the exit status.
  public static func main(_ arguments: [String]) -> Int32 {
    Platform.reportFileSizeLimitAsError()
    do {
      return try dispatch(arguments).rawValue
    } catch let e as UsageError {
      Platform.writeStderr(e.text)
      return ExitCode.badInput.rawValue
    } catch let e as InputErrors {
      Platform.writeStderr(e.errors.map { "bcv-bench: error: \($0)\n" }.joined())
      return ExitCode.badInput.rawValue
    } catch let e as InputError {
      Platform.writeStderr("bcv-bench: error: \(e)\n")
      return ExitCode.badInput.rawValue
    } catch let e as FileError {
      Platform.writeStderr("bcv-bench: error: \(e)\n")
      return ExitCode.internalFailure.rawValue
    } catch {
      Platform.writeStderr("bcv-bench: internal error: \(error)\n")
      return ExitCode.internalFailure.rawValue
    }
  }

  static func dispatch(_ arguments: [String]) throws -> ExitCode {
    switch try resolve(arguments) {
    case .help(let text):
      print(text)
    case .version:
      print("bcv-bench \(version)")
    case .execute(let command, let parsed):
      return try command.execute(parsed)
    }
    return .success
  }

  /// What a command line asks for, decided before anything runs.
  enum Invocation {
    case help(String)
    case version
    case execute(any Command.Type, ParsedArguments)
  }

  /// Finds the command in `Commands.all`, answers `-h`/`--help` for it (anywhere among its
  /// words), and parses its words against exactly its options.
  static func resolve(_ arguments: [String]) throws(UsageError) -> Invocation {
    guard let first = arguments.first else { return .help(Help.overview) }
    let command: any Command.Type
    var words = Array(arguments.dropFirst())
    switch first {
    case "--version":
      return .version
    case "--help", "-h":
      command = HelpCommand.self
    default:
      if first.hasPrefix("--") {
        // `bcv-bench --suite smoke …` is `bcv-bench run --suite smoke …`.
        command = RunCommand.self
        words = arguments
      } else if let named = Commands.named([first]) {
        command = named
      } else {
        let group = Commands.group(first)
        guard !group.isEmpty else {
          throw UsageError("unknown command '\(first)' (\(Commands.suggestion(for: first, among: Help.topLevelNames)))", command: "")
        }
        guard let sub = words.first else {
          throw UsageError("'\(first)' needs a subcommand (\(Commands.suggestion(for: "", among: group.map { $0.path[1] })))", command: first)
        }
        if sub == "-h" || sub == "--help" { return .help(Help.text(forGroup: first, group)) }
        guard let named = Commands.named([first, sub]) else {
          throw UsageError("unknown subcommand '\(first) \(sub)' (\(Commands.suggestion(for: sub, among: group.map { $0.path[1] })))",
                           command: first)
        }
        command = named
        words.removeFirst()
      }
    }
    if words.contains("-h") || words.contains("--help") { return .help(Help.text(for: command)) }
    let parsed = try ParsedArguments(words, options: command.options, command: command.name)
    if !command.takesPositionals, let extra = parsed.positionals.first {
      throw UsageError("unexpected argument '\(extra)'", command: command.name)
    }
    for group in command.optionGroups { try group.checkSwitch(parsed) }
    return .execute(command, parsed)
  }
}

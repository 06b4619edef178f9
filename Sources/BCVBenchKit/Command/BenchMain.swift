/// The one exit funnel: runs a command line and maps every outcome to a message and a
/// documented exit code. Nothing below prints an error and carries on.
public enum BenchMain {
  public static let version = "0.1.0"

  /// Runs `bcv-bench` with the words after the program name; returns the exit status.
  public static func main(_ arguments: [String]) -> Int32 {
    do {
      return try dispatch(arguments).rawValue
    } catch let e as UsageError {
      Platform.writeStderr("bcv-bench: \(e.message)\nRun 'bcv-bench \(e.command.isEmpty ? "" : e.command + " ")--help' for usage.\n")
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
    guard let first = arguments.first else {
      print(Help.overview)
      return .success
    }
    let rest = Array(arguments.dropFirst())
    switch first {
    case "--help", "-h", "help":
      if let topic = rest.first, let text = Help.forCommand(topic) { print(text) } else { print(Help.overview) }
      return .success
    case "--version":
      print("bcv-bench \(version)")
      return .success
    case "run": return try RunCommand.execute(rest)
    case "validate": return try ValidateCommand.execute(rest)
    case "list": return try ListCommand.execute(rest)
    case "baseline": return try BaselineCommand.execute(rest)
    case "compare": return try CompareCommand.execute(rest)
    case "merge": return try MergeCommand.execute(rest)
    case "rerun": return try RerunCommand.execute(rest)
    case "run-job": return try RunJobCommand.execute(rest)
    case "calibrate": return try CalibrateCommand.execute(rest)
    case "export-smt2": return try ExportSMT2Command.execute(rest)
    case "check-certificate": return try CheckCertificateCommand.execute(rest)
    default:
      // `bcv-bench --suite smoke …` is `bcv-bench run --suite smoke …`.
      if first.hasPrefix("--") { return try RunCommand.execute(arguments) }
      throw UsageError("unknown command '\(first)' (commands: run, validate, list, baseline, compare, calibrate, merge, rerun, export-smt2, check-certificate, help)", command: "")
    }
  }
}

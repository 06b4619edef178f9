import Foundation

/// Help texts. `--help` on any command prints its text on stdout and exits 0.
enum Help {
  static let overview = """
  bcv-bench: validate barrier certificates and benchmark the validators.

  USAGE
    bcv-bench --suite NAME [run options]     run a suite (same as 'bcv-bench run --suite NAME')
    bcv-bench run (--suite NAME | --corpus PATH...) [options]
    bcv-bench validate FILE --case ID [--strategy NAME] [options]
    bcv-bench list [--suite NAME | --corpus PATH...]
    bcv-bench baseline update --suite NAME [--from RESULTS]
    bcv-bench compare BASE CANDIDATE [--thresholds strict|default|relaxed]
    bcv-bench calibrate --suite NAME
    bcv-bench merge SHARD_DIR... [--out DIR] [--gate]
    bcv-bench rerun RESULTS.json [--out DIR]
    bcv-bench export-smt2 --corpus PATH --case ID --out DIR
    bcv-bench check-certificate FILE...
    bcv-bench help [COMMAND]

  EXIT CODES
    0  success          1  unsound answer / accuracy regression
    2  bad input/usage  3  performance or cache regression      4  internal failure

  Run 'bcv-bench COMMAND --help' for a command's options.
  """

  static func forCommand(_ name: String) -> String? {
    switch name {
    case "run": return RunCommand.help
    case "validate": return ValidateCommand.help
    case "list": return ListCommand.help
    case "baseline": return BaselineCommand.help
    case "compare": return CompareCommand.help
    case "merge": return MergeCommand.help
    case "rerun": return RerunCommand.help
    case "calibrate": return CalibrateCommand.help
    case "export-smt2": return ExportSMT2Command.help
    case "check-certificate": return CheckCertificateCommand.help
    case "run-job": return RunJobCommand.help
    default: return nil
    }
  }

  static func render(_ usage: String, _ summary: String, _ options: [OptionSpec]) -> String {
    var lines = ["USAGE", "  \(usage)", "", summary, "", "OPTIONS"]
    for o in options {
      let left = "--\(o.name)" + (o.value.map { " \($0)" } ?? "")
      lines.append("  " + left.padding(toLength: max(24, left.count + 2), withPad: " ", startingAt: 0) + o.help)
    }
    return lines.joined(separator: "\n")
  }
}

/// A command of `bcv-bench`, declared once: its name, what it does, its usage line and its
/// option groups. Dispatch, the help overview, `help COMMAND`, `COMMAND -h`/`--help` and
/// "did you mean" are all derived from `Commands.all`, so a command added there is
/// dispatched, documented and tested without another list to keep in step.
protocol Command {
  /// The words naming it on the command line: `["run"]`, or `["baseline", "update"]` for a
  /// subcommand (the first word alone then names the group).
  static var path: [String] { get }
  /// One line for the overview.
  static var summary: String { get }
  /// The usage line, without the leading `bcv-bench `.
  static var usage: String { get }
  /// More about the command for its own help (defaults, exit codes); may be empty.
  static var discussion: String { get }
  /// Exactly the options the command reads, as a sum of groups.
  static var optionGroups: [OptionGroup] { get }
  /// Whether words that are not options are accepted (files, folders, a help topic).
  static var takesPositionals: Bool { get }
  /// Internal commands (the `run-job` child) work and have help but stay out of the overview.
  static var isHidden: Bool { get }
  /// Runs the command on its parsed arguments (only its own options, already checked).
  static func execute(_ arguments: ParsedArguments) throws -> ExitCode
}

extension Command {
  static var discussion: String { "" }
  static var takesPositionals: Bool { false }
  static var isHidden: Bool { false }
  /// The name errors and help use: `baseline update`.
  static var name: String { path.joined(separator: " ") }
  static var options: [OptionSpec] { optionGroups.flatMap(\.options) }
}

/// The one list of commands.
enum Commands {
  /// Every command, in the order the overview shows them.
  static var all: [any Command.Type] {
    [RunCommand.self, ValidateCommand.self, ListCommand.self, BaselineUpdateCommand.self, CompareCommand.self,
     CalibrateCommand.self, MergeCommand.self, RerunCommand.self, ExportSMT2Command.self, CheckCertificateCommand.self,
     HelpCommand.self, RunJobCommand.self]
  }

  static var visible: [any Command.Type] { all.filter { !$0.isHidden } }

  /// The command `path` names exactly.
  static func named(_ path: [String]) -> (any Command.Type)? { all.first { $0.path == path } }

  /// The commands below a group word (`baseline` → `baseline update`).
  static func group(_ word: String) -> [any Command.Type] { all.filter { $0.path.count > 1 && $0.path[0] == word } }

  /// "did you mean 'x'?" for the nearest of `candidates` within two edits, else the list.
  static func suggestion(for word: String, among candidates: [String]) -> String {
    let near = candidates.map { (ParsedArguments.editDistance($0, word), $0) }.filter { $0.0 <= 2 }.min { $0 < $1 }
    if let near { return "did you mean '\(near.1)'?" }
    return "expected one of: " + candidates.joined(separator: ", ")
  }
}

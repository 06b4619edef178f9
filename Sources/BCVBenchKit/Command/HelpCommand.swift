/// `bcv-bench help [COMMAND]`: the overview, or a command's help.
enum HelpCommand: Command {
  static let path = ["help"]
  static let summary = "Prints the overview, or a command's usage and options (same as 'COMMAND --help')."
  static let usage = "help [COMMAND]"
  static let optionGroups: [OptionGroup] = []
  static let takesPositionals = true

  static func execute(_ arguments: ParsedArguments) throws -> ExitCode {
    print(try Help.text(topic: arguments.positionals))
    return .success
  }
}

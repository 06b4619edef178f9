import Foundation

/// Help texts, all derived from `Commands.all`. Help goes to stdout with exit status 0.
enum Help {
  static var overview: String {
    let commands = Commands.visible
    let width = commands.map { $0.name.count }.max()! + 4
    return """
    bcv-bench: validate barrier certificates and benchmark the validators.

    USAGE
      bcv-bench COMMAND [options]
      bcv-bench --suite NAME [run options]    same as 'bcv-bench run --suite NAME [run options]'

    COMMANDS
    \(commands.map { "  " + $0.name.padding(toLength: width, withPad: " ", startingAt: 0) + $0.summary }.joined(separator: "\n"))

    EXIT CODES
      0  success          1  unsound answer / accuracy regression
      2  bad input/usage  3  performance or cache regression      4  internal failure

    Run 'bcv-bench COMMAND --help' (or -h) for a command's usage and options.
    """
  }

  /// A command's help: usage, what it does, its options group by group.
  static func text(for command: any Command.Type) -> String {
    var lines = ["USAGE", "  bcv-bench \(command.usage)", "", command.summary]
    if !command.discussion.isEmpty { lines += ["", command.discussion] }
    lines += ["", "OPTIONS"]
    for group in command.optionGroups {
      lines.append("  \(group.title)" + (group.switchFlag.map { " (the others need --\($0))" } ?? ""))
      lines += group.options.map { option("--\($0.name)" + ($0.value.map { " \($0)" } ?? ""), $0.help) }
    }
    lines.append("  " + "-h, --help".padding(toLength: 26, withPad: " ", startingAt: 0) + "show this help")
    return lines.joined(separator: "\n")
  }

  /// The help of a command group (`baseline`): its subcommands.
  static func text(forGroup word: String, _ commands: [any Command.Type]) -> String {
    let usages = commands.map { "  bcv-bench \($0.usage)" }
    let summaries = commands.map { "  \($0.name): \($0.summary)" }
    return (["USAGE"] + usages + [""] + summaries + ["", "Run 'bcv-bench \(word) SUBCOMMAND --help' for its options."])
      .joined(separator: "\n")
  }

  /// The help `bcv-bench help TOPIC...` prints: the overview, a command's or a group's.
  static func text(topic: [String]) throws(UsageError) -> String {
    guard let first = topic.first else { return overview }
    if let command = Commands.named(topic) { return text(for: command) }
    let group = Commands.group(first)
    if topic.count == 1, !group.isEmpty { return text(forGroup: first, group) }
    if !group.isEmpty {
      throw UsageError("unknown subcommand '\(topic.dropFirst().joined(separator: " "))' of '\(first)' "
                         + "(\(Commands.suggestion(for: topic[1], among: group.map { $0.path[1] })))", command: "help")
    }
    throw UsageError("unknown command '\(topic.joined(separator: " "))' (\(Commands.suggestion(for: first, among: topLevelNames)))",
                     command: "help")
  }

  /// The first words of every visible command, once each.
  static var topLevelNames: [String] {
    var seen: Set<String> = []
    return Commands.visible.map { $0.path[0] }.filter { seen.insert($0).inserted }
  }

  private static func option(_ left: String, _ help: String) -> String {
    "    " + left.padding(toLength: max(24, left.count + 2), withPad: " ", startingAt: 0) + help
  }
}

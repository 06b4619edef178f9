/// An option a command accepts. Each option that several commands share is declared once
/// (in `OptionSpec+Catalog.swift`), so it has one help text everywhere.
struct OptionSpec: Sendable {
  let name: String
  /// The value's placeholder (`N`, `PATH`); nil for a flag.
  let value: String?
  let help: String
  /// May be given more than once (values accumulate).
  var repeatable = false
}

/// A named group of options, shown as one section of a command's help. A command's options
/// are the sum of its groups (`.selection + .matrix + …`): nothing is subtracted, so a
/// command accepts exactly the options it declares and rejects every other one.
struct OptionGroup: Sendable {
  let title: String
  let options: [OptionSpec]
  /// The flag of the group that the group's other options modify (`--gate` for
  /// `--baseline`, `--isolate` for `--job-timeout`); without it they would do nothing, so
  /// giving them alone is a usage error.
  let switchFlag: String?

  init(_ title: String, _ options: [OptionSpec], switchedOnBy flag: OptionSpec? = nil) {
    precondition(flag.map { f in f.value == nil && options.contains { $0.name == f.name } } ?? true,
                 "group \(title): \(flag?.name ?? "") must be one of its flags")
    self.title = title
    self.options = options
    self.switchFlag = flag?.name
  }

  /// Throws when an option of the group is given without the group's switch.
  func checkSwitch(_ args: ParsedArguments) throws(UsageError) {
    guard let flag = switchFlag, !args.flags.contains(flag) else { return }
    if let given = options.first(where: { $0.name != flag && (args.values[$0.name] != nil || args.flags.contains($0.name)) }) {
      throw UsageError("--\(given.name) needs --\(flag) (without it the option does nothing)", command: args.command)
    }
  }

  static func + (lhs: OptionGroup, rhs: OptionGroup) -> [OptionGroup] { [lhs, rhs] }
  static func + (lhs: [OptionGroup], rhs: OptionGroup) -> [OptionGroup] { lhs + [rhs] }
}

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

  init(_ title: String, _ options: [OptionSpec]) {
    self.title = title
    self.options = options
  }

  static func + (lhs: OptionGroup, rhs: OptionGroup) -> [OptionGroup] { [lhs, rhs] }
  static func + (lhs: [OptionGroup], rhs: OptionGroup) -> [OptionGroup] { lhs + [rhs] }
}

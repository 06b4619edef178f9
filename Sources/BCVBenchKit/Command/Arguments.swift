/// Command-line words parsed against a command's options.
///
/// Accepted forms: `--name value`, `--name=value`, flags `--name`; comma-separated lists
/// where an option says so. Unknown options, missing values and values given to flags are
/// usage errors naming the option, with a suggestion when one of the command's options is
/// two edits away (else the commands that take it). `-h`/`--help` never reach the parser:
/// `BenchMain.resolve` answers them for every command.
struct ParsedArguments {
  /// The command the words were given to (`baseline update`); its help is named in errors.
  let command: String
  var values: [String: [String]] = [:]
  var flags: Set<String> = []
  var positionals: [String] = []

  init(_ words: [String], options: [OptionSpec], command: String) throws(UsageError) {
    self.command = command
    var i = 0
    while i < words.count {
      let word = words[i]
      i += 1
      guard word.hasPrefix("--"), word.count > 2 else {
        if word.hasPrefix("-") && word != "-" {
          throw UsageError("unknown option '\(word)'", command: command)
        }
        positionals.append(word)
        continue
      }
      var name = String(word.dropFirst(2))
      var inlineValue: String?
      if let eq = name.firstIndex(of: "=") {
        inlineValue = String(name[name.index(after: eq)...])
        name = String(name[..<eq])
      }
      guard let spec = options.first(where: { $0.name == name }) else {
        throw UsageError(Self.unknownOption(name, options: options, command: command), command: command)
      }
      if spec.value == nil {
        if inlineValue != nil { throw UsageError("option '--\(name)' takes no value", command: command) }
        flags.insert(name)
        continue
      }
      let value: String
      if let inlineValue { value = inlineValue } else {
        guard i < words.count else { throw UsageError("option '--\(name)' needs a value (\(spec.value!))", command: command) }
        value = words[i]
        i += 1
      }
      if values[name] != nil && !spec.repeatable {
        throw UsageError("option '--\(name)' given more than once", command: command)
      }
      values[name, default: []].append(value)
    }
  }

  /// The message for an option the command does not declare: the nearest of its own
  /// options when one is two edits away, else the (visible) commands that do take it.
  static func unknownOption(_ name: String, options: [OptionSpec], command: String) -> String {
    if let near = options.map(\.name).first(where: { editDistance($0, name) <= 2 }) {
      return "unknown option '--\(name)' (did you mean '--\(near)'?)"
    }
    let others = Commands.visible.filter { $0.options.contains { $0.name == name } }.map { $0.name }
    guard !others.isEmpty else { return "unknown option '--\(name)'" }
    return "'\(command)' does not take '--\(name)' (an option of \(others.joined(separator: ", ")))"
  }

  func value(_ name: String) -> String? { values[name]?.last }

  /// All values of a repeatable or comma-separated option, split on commas.
  func list(_ name: String) -> [String]? {
    values[name].map { $0.flatMap { $0.split(separator: ",").map { String($0).trimmed } } }
  }

  // The checked readers below name `command` (default: the arguments' command) in errors.

  func integer(_ name: String, in range: ClosedRange<Int>, command: String? = nil) throws(UsageError) -> Int? {
    guard let text = value(name) else { return nil }
    guard let n = Int(text), range.contains(n) else {
      throw UsageError("option '--\(name)' expects an integer in \(range.lowerBound)...\(range.upperBound), got '\(text)'", command: command ?? self.command)
    }
    return n
  }

  func integers(_ name: String, in range: ClosedRange<Int>, command: String? = nil) throws(UsageError) -> [Int]? {
    guard let items = list(name) else { return nil }
    var result: [Int] = []
    for text in items {
      guard let n = Int(text), range.contains(n) else {
        throw UsageError("option '--\(name)' expects integers in \(range.lowerBound)...\(range.upperBound), got '\(text)'", command: command ?? self.command)
      }
      result.append(n)
    }
    if result.isEmpty { throw UsageError("option '--\(name)' lists no values", command: command ?? self.command) }
    return result
  }

  func number(_ name: String, command: String? = nil, where valid: (Double) -> Bool, expected: String) throws(UsageError) -> Double? {
    guard let text = value(name) else { return nil }
    guard let x = Double(text), x.isFinite, valid(x) else {
      throw UsageError("option '--\(name)' expects \(expected), got '\(text)'", command: command ?? self.command)
    }
    return x
  }

  static func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a), b = Array(b)
    if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
    var previous = Array(0...b.count)
    for i in 1...a.count {
      var current = [i] + Array(repeating: 0, count: b.count)
      for j in 1...b.count {
        current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
      }
      previous = current
    }
    return previous[b.count]
  }
}

extension String {
  var trimmed: String {
    var s = Substring(self)
    while s.first?.isWhitespace == true { s = s.dropFirst() }
    while s.last?.isWhitespace == true { s = s.dropLast() }
    return String(s)
  }
}

extension ParsedArguments {
  /// A comma-separated list of names read as values of a type (`--strategies`, `--cache`):
  /// nil when the option is absent; a usage error naming the option, the unknown name and
  /// the known ones otherwise.
  func names<T>(_ name: String, _ what: String, _ known: [String], _ make: (String) -> T?) throws(UsageError) -> [T]? {
    guard let items = list(name) else { return nil }
    var result: [T] = []
    for item in items {
      guard let value = make(item) else {
        throw UsageError("option '--\(name)': unknown \(what) '\(item)' (available: \(known.joined(separator: ", ")))", command: command)
      }
      result.append(value)
    }
    return result
  }
}

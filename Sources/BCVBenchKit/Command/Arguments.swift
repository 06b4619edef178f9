/// An option a command accepts.
struct OptionSpec: Sendable {
  let name: String
  /// The value's placeholder (`N`, `PATH`); nil for a flag.
  let value: String?
  let help: String
  /// May be given more than once (values accumulate).
  var repeatable = false
}

/// Options shared by the commands that finish a run (`run`, `merge`): gating and history.
let gateAndHistoryOptions: [OptionSpec] = [
  OptionSpec(name: "gate", value: nil, help: "compare with the suite's baseline; exit 1 or 3 on a regression"),
  OptionSpec(name: "baseline", value: "FILE", help: "baseline to gate against (default Baselines/<suite>.json)"),
  OptionSpec(name: "lenient", value: nil, help: "with --gate: jobs missing from the run do not fail the gate"),
  OptionSpec(name: "history", value: "FILE", help: "history file to append to (suite runs default to Reports/history/<suite>.jsonl)"),
]

/// Command-line words parsed against a command's options.
///
/// Accepted forms: `--name value`, `--name=value`, flags `--name`; comma-separated lists
/// where an option says so. Unknown options, missing values and values given to flags are
/// usage errors naming the option, with a suggestion when a known option is one edit away.
struct ParsedArguments {
  var values: [String: [String]] = [:]
  var flags: Set<String> = []
  var positionals: [String] = []

  init(_ words: [String], options: [OptionSpec], command: String) throws(UsageError) {
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
        let hint = options.map(\.name).first { Self.editDistance($0, name) <= 2 }.map { " (did you mean '--\($0)'?)" } ?? ""
        throw UsageError("unknown option '--\(name)'\(hint)", command: command)
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

  func value(_ name: String) -> String? { values[name]?.last }

  /// All values of a repeatable or comma-separated option, split on commas.
  func list(_ name: String) -> [String]? {
    values[name].map { $0.flatMap { $0.split(separator: ",").map { String($0).trimmed } } }
  }

  func integer(_ name: String, in range: ClosedRange<Int>, command: String) throws(UsageError) -> Int? {
    guard let text = value(name) else { return nil }
    guard let n = Int(text), range.contains(n) else {
      throw UsageError("option '--\(name)' expects an integer in \(range.lowerBound)...\(range.upperBound), got '\(text)'", command: command)
    }
    return n
  }

  func integers(_ name: String, in range: ClosedRange<Int>, command: String) throws(UsageError) -> [Int]? {
    guard let items = list(name) else { return nil }
    var result: [Int] = []
    for text in items {
      guard let n = Int(text), range.contains(n) else {
        throw UsageError("option '--\(name)' expects integers in \(range.lowerBound)...\(range.upperBound), got '\(text)'", command: command)
      }
      result.append(n)
    }
    if result.isEmpty { throw UsageError("option '--\(name)' lists no values", command: command) }
    return result
  }

  func number(_ name: String, command: String, where valid: (Double) -> Bool, expected: String) throws(UsageError) -> Double? {
    guard let text = value(name) else { return nil }
    guard let x = Double(text), x.isFinite, valid(x) else {
      throw UsageError("option '--\(name)' expects \(expected), got '\(text)'", command: command)
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

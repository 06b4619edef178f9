/// A problem with something a user gave us: a corpus or suite file, a flag, an
/// expression. It names everything needed to find the problem: the file, the case id
/// (where known), the key (a path such as `initial.where[0]`) and, for expressions and
/// JSON syntax, the column (and line).
public struct InputError: Error, Sendable, Hashable, CustomStringConvertible {
  public var file: String?
  public var caseID: String?
  public var key: String?
  public var line: Int?
  public var column: Int?
  public var message: String

  public init(file: String? = nil, caseID: String? = nil, key: String? = nil, line: Int? = nil,
              column: Int? = nil, _ message: String) {
    self.file = file
    self.caseID = caseID
    self.key = key
    self.line = line
    self.column = column
    self.message = message
  }

  /// `FILE: case 'ID': key 'dynamics[1]': column 5: unexpected ')'`
  public var description: String {
    var parts: [String] = []
    if let file { parts.append(file) }
    if let caseID { parts.append("case '\(caseID)'") }
    if let key { parts.append("key '\(key)'") }
    if let line, let column { parts.append("line \(line), column \(column)") }
    else if let column { parts.append("column \(column)") }
    parts.append(message)
    return parts.joined(separator: ": ")
  }
}

/// Several input errors found together (a file with three bad cases reports all three).
public struct InputErrors: Error, Sendable, CustomStringConvertible {
  public var errors: [InputError]
  public init(_ errors: [InputError]) { self.errors = errors }
  public var description: String { errors.map(\.description).joined(separator: "\n") }
}

import BCVExpression
import BCVNumerics
import BCVValidation

/// Turns one JSON case object into a `CorpusCase`, following `bcv-corpus/1` exactly.
///
/// The first problem in a case is thrown as an `InputError` naming the file, case id, key
/// and (for expressions) column; unknown keys are collected as warnings and otherwise
/// ignored, as the format requires.
struct CaseDecoder {
  let file: String
  let limits: ExprLimits
  var caseID: String?
  var warnings: [InputError] = []

  static let caseKeys: Set<String> = [
    "id", "title", "source", "tags", "variables", "time", "dynamics", "domain", "initial",
    "unsafe", "certificate", "condition", "expected", "evidence",
  ]
  static let setKeys: Set<String> = ["box", "where", "anyOf"]
  static let maxVariables = 64

  init(file: String, limits: ExprLimits = .default) {
    self.file = file
    self.limits = limits
  }

  func error(_ key: String?, _ message: String, column: Int? = nil) -> InputError {
    InputError(file: file, caseID: caseID, key: key, column: column, message)
  }

  mutating func warnUnknownKeys(_ object: JSONObject, known: Set<String>, at path: String?) {
    for key in object.keys where !known.contains(key) {
      let full = path.map { "\($0).\(key)" } ?? key
      warnings.append(InputError(file: file, caseID: caseID, key: full, "unknown key ignored"))
    }
  }

  mutating func decode(_ value: JSONValue, index: Int) throws(InputError) -> CorpusCase {
    caseID = nil
    guard let object = value.objectValue else {
      throw error("cases[\(index)]", "expected an object, found \(value.typeName)")
    }
    let id = try string(object, "id", required: true)!
    guard !id.isEmpty, id.utf8.allSatisfy({ Self.isIDByte($0) }) else {
      throw error("id", "'\(id)' is not a valid id (use letters, digits, '.', '_' and '-')")
    }
    caseID = id
    warnUnknownKeys(object, known: Self.caseKeys, at: nil)

    let variables = try decodeVariables(object)
    let parser = ExprParser(variables: variables, limits: limits)
    let time = try decodeTime(object)
    guard let dynamicsJSON = object["dynamics"] else { throw error("dynamics", "missing required key") }
    guard let dynamicsList = dynamicsJSON.arrayValue else {
      throw error("dynamics", "expected an array of expressions, found \(dynamicsJSON.typeName)")
    }
    guard dynamicsList.count == variables.count else {
      throw error("dynamics", "has \(dynamicsList.count) expressions for \(variables.count) variables")
    }
    var dynamics: [Expr] = []
    for (i, item) in dynamicsList.enumerated() {
      dynamics.append(try expression(item, key: "dynamics[\(i)]", parser: parser))
    }
    let domain = try decodeSet(object, key: "domain", parser: parser, variables: variables)
    for (i, name) in variables.enumerated() where domain.box[i] == nil {
      throw error("domain.box", "must bound every variable; '\(name)' is missing")
    }
    let initial = try decodeSet(object, key: "initial", parser: parser, variables: variables)
    let unsafe = try decodeSet(object, key: "unsafe", parser: parser, variables: variables)
    guard let certificateJSON = object["certificate"] else { throw error("certificate", "missing required key") }
    let certificate = try expression(certificateJSON, key: "certificate", parser: parser)
    let condition = try decodeCondition(object, time: time)
    let expected = try decodeExpected(object, variables: variables)
    let problem = BarrierProblem(variables: variables, time: time, dynamics: dynamics, domain: domain,
                                 initial: initial, unsafe: unsafe, certificate: certificate,
                                 condition: condition)
    return CorpusCase(id: id, title: try string(object, "title"), source: try string(object, "source"),
                      evidence: try string(object, "evidence"), tags: try decodeTags(object),
                      problem: problem, expected: expected, file: file)
  }

  static func isIDByte(_ b: UInt8) -> Bool {
    (b >= 48 && b <= 57) || (b >= 65 && b <= 90) || (b >= 97 && b <= 122) || b == 46 || b == 95 || b == 45
  }

  func string(_ object: JSONObject, _ key: String, required: Bool = false) throws(InputError) -> String? {
    guard let value = object[key] else {
      if required { throw error(key, "missing required key") }
      return nil
    }
    guard let s = value.stringValue else { throw error(key, "expected a string, found \(value.typeName)") }
    return s
  }

  func decodeVariables(_ object: JSONObject) throws(InputError) -> [String] {
    guard let value = object["variables"] else { throw error("variables", "missing required key") }
    guard let list = value.arrayValue else {
      throw error("variables", "expected an array of names, found \(value.typeName)")
    }
    guard !list.isEmpty else { throw error("variables", "must name at least one variable") }
    guard list.count <= Self.maxVariables else {
      throw error("variables", "has \(list.count) variables; the limit is \(Self.maxVariables)")
    }
    var names: [String] = []
    for (i, item) in list.enumerated() {
      let key = "variables[\(i)]"
      guard let name = item.stringValue else { throw error(key, "expected a string, found \(item.typeName)") }
      guard Self.isIdentifier(name) else { throw error(key, "'\(name)' is not an identifier") }
      guard name != "pi", ElementaryFunction.callable[name] == nil else {
        throw error(key, "'\(name)' is reserved (a function name or pi)")
      }
      guard !names.contains(name) else { throw error(key, "'\(name)' is listed twice") }
      names.append(name)
    }
    return names
  }

  static func isIdentifier(_ s: String) -> Bool {
    guard let first = s.unicodeScalars.first, first.isASCII,
          first.properties.isAlphabetic || first == "_" else { return false }
    return s.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_") }
  }

  func decodeTime(_ object: JSONObject) throws(InputError) -> TimeModel {
    guard let text = try string(object, "time") else { return .continuous }
    guard let time = TimeModel(rawValue: text) else {
      throw error("time", "'\(text)' is not a time model (continuous or discrete)")
    }
    return time
  }

  func decodeTags(_ object: JSONObject) throws(InputError) -> [String] {
    guard let value = object["tags"] else { return [] }
    guard let list = value.arrayValue else { throw error("tags", "expected an array of strings, found \(value.typeName)") }
    var tags: [String] = []
    for (i, item) in list.enumerated() {
      guard let tag = item.stringValue else { throw error("tags[\(i)]", "expected a string, found \(item.typeName)") }
      tags.append(tag)
    }
    return tags
  }

  func expression(_ value: JSONValue, key: String, parser: ExprParser, columnOffset: Int = 0) throws(InputError) -> Expr {
    guard let text = value.stringValue else {
      throw error(key, "expected an expression string, found \(value.typeName)")
    }
    return try parse(text, key: key, parser: parser, columnOffset: columnOffset)
  }

  func parse(_ text: String, key: String, parser: ExprParser, columnOffset: Int = 0) throws(InputError) -> Expr {
    do {
      return try parser.parse(text)
    } catch let e {
      throw error(key, e.reason, column: e.column + columnOffset)
    }
  }

  /// A JSON number literal as an exact rational (`-0.1` is −1/10).
  static func rational(fromJSONNumber literal: String) -> Rational? {
    if literal.hasPrefix("-") { return Rational.parseDecimal(String(literal.dropFirst())).map { -$0 } }
    return Rational.parseDecimal(literal)
  }

  /// A number given as a JSON number, or as a string holding a constant expression.
  func number(_ value: JSONValue, key: String) throws(InputError) -> Rational {
    if case .number(let literal) = value {
      guard let r = Self.rational(fromJSONNumber: literal) else { throw error(key, "number '\(literal)' is out of range") }
      return r
    }
    if let text = value.stringValue {
      guard let e = try? ExprParser(variables: [], limits: limits).parse(text), let c = e.constantValue else {
        throw error(key, "expected a number or a constant expression such as \"1/3\", found '\(text)'")
      }
      return c
    }
    throw error(key, "expected a number, found \(value.typeName)")
  }
}

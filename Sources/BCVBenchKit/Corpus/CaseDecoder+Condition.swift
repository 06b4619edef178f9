import BCVNumerics
import BCVValidation

extension CaseDecoder {
  static let conditionKeys: Set<String> = ["kind", "c1", "c2", "lambda"]
  static let expectedKeys: Set<String> = ["verdict", "violates", "witness"]

  mutating func decodeCondition(_ object: JSONObject, time: TimeModel) throws(InputError) -> ConditionKind {
    guard let value = object["condition"] else { return .standard }
    guard let condition = value.objectValue else {
      throw error("condition", "expected an object with a kind, found \(value.typeName)")
    }
    warnUnknownKeys(condition, known: Self.conditionKeys, at: "condition")
    guard let kindValue = condition["kind"] else { return .standard }
    guard let kind = kindValue.stringValue else {
      throw error("condition.kind", "expected a string, found \(kindValue.typeName)")
    }
    func required(_ key: String) throws(InputError) -> Rational {
      guard let v = condition[key] else { throw error("condition.\(key)", "missing; the \(kind) condition needs it") }
      return try number(v, key: "condition.\(key)")
    }
    switch kind {
    case "standard":
      return .standard
    case "levelset":
      let c1 = try required("c1"), c2 = try required("c2")
      guard c1 < c2 else { throw error("condition", "levelset needs c1 < c2, got c1 = \(c1), c2 = \(c2)") }
      return .levelSet(c1: c1, c2: c2)
    case "exponential":
      guard time == .continuous else {
        throw error("condition.kind", "the exponential condition applies to continuous time only")
      }
      return .exponential(lambda: try required("lambda"))
    default:
      throw error("condition.kind", "unknown condition kind '\(kind)' (standard, levelset or exponential)")
    }
  }

  mutating func decodeExpected(_ object: JSONObject, variables: [String]) throws(InputError) -> ExpectedVerdict? {
    guard let value = object["expected"] else { return nil }
    guard let expected = value.objectValue else {
      throw error("expected", "expected an object with a verdict, found \(value.typeName)")
    }
    warnUnknownKeys(expected, known: Self.expectedKeys, at: "expected")
    guard let verdictValue = expected["verdict"] else { throw error("expected.verdict", "missing required key") }
    guard let text = verdictValue.stringValue else {
      throw error("expected.verdict", "expected a string, found \(verdictValue.typeName)")
    }
    guard let verdict = VerdictKind(rawValue: text), verdict != .unknown else {
      throw error("expected.verdict", "'\(text)' is not a verdict (valid or invalid)")
    }
    var result = ExpectedVerdict(verdict: verdict)
    if let v = expected["violates"] {
      guard let name = v.stringValue, let condition = ConditionName(rawValue: name) else {
        throw error("expected.violates", "expected one of initial, unsafe, flow")
      }
      guard verdict == .invalid else { throw error("expected.violates", "only an invalid verdict violates a condition") }
      result.violates = condition
    }
    if let w = expected["witness"] {
      guard let point = w.objectValue else { throw error("expected.witness", "expected an object of coordinates, found \(w.typeName)") }
      guard verdict == .invalid else { throw error("expected.witness", "only an invalid verdict has a witness") }
      var coordinates = [Rational?](repeating: nil, count: variables.count)
      for name in point.keys {
        guard let i = variables.firstIndex(of: name) else {
          throw error("expected.witness.\(name)", "unknown variable '\(name)'")
        }
        coordinates[i] = try number(point[name]!, key: "expected.witness.\(name)")
      }
      if let missing = coordinates.firstIndex(where: { $0 == nil }) {
        throw error("expected.witness", "gives no coordinate for '\(variables[missing])'")
      }
      result.witness = coordinates.map { $0! }
    }
    return result
  }
}

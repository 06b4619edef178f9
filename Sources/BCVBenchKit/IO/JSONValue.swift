/// A JSON document as written, not as interpreted.
///
/// Numbers keep their literal text (`"0.1"` stays `"0.1"`, `"1e-3"` stays `"1e-3"`), so
/// reading a file and writing it back never changes a number, and exact consumers (rational
/// arithmetic) can read the decimal the author meant rather than the nearest double.
/// Equality is structural and compares number text: `1.0` and `1` are different values.
public indirect enum JSONValue: Sendable, Hashable {
  case null
  case bool(Bool)
  /// The literal text exactly as written, e.g. `"-0.1"`, `"1e-3"`.
  case number(String)
  case string(String)
  case array([JSONValue])
  case object(JSONObject)

  /// The JSON name of this value's type, for messages like "expected a string, found a
  /// number": "object", "array", "string", "number", "boolean" or "null".
  public var typeName: String {
    switch self {
    case .null: "null"
    case .bool: "boolean"
    case .number: "number"
    case .string: "string"
    case .array: "array"
    case .object: "object"
    }
  }

  /// The string, or nil if this is not a string.
  public var stringValue: String? {
    if case .string(let s) = self { s } else { nil }
  }

  /// The elements, or nil if this is not an array.
  public var arrayValue: [JSONValue]? {
    if case .array(let a) = self { a } else { nil }
  }

  /// The object, or nil if this is not an object.
  public var objectValue: JSONObject? {
    if case .object(let o) = self { o } else { nil }
  }

  /// The boolean, or nil if this is not a boolean.
  public var boolValue: Bool? {
    if case .bool(let b) = self { b } else { nil }
  }

  /// The nearest double to the number (correctly rounded; a magnitude beyond the double
  /// range gives ±infinity), or nil if this is not a number.
  public var doubleValue: Double? {
    if case .number(let text) = self { Double(text) } else { nil }
  }

  /// The integer, only for an integral literal (no fraction, no exponent) within the
  /// range of `Int`; nil otherwise. `2.0` and `1e3` are not integral literals.
  public var intValue: Int? {
    if case .number(let text) = self { Int(text) } else { nil }
  }
}

extension JSONValue {
  /// A number written in the shortest form that reads back as exactly `value`.
  ///
  /// Integral values with magnitude below 2⁵³ are written without a fraction (`3.0` → `3`,
  /// `-0.0` → `-0`); other finite values use Swift's shortest round-trip `description`
  /// (`0.1`, `1e-05`, `1e+300`). NaN and ±infinity, which JSON cannot express, become `null`.
  public static func number(_ value: Double) -> JSONValue {
    guard value.isFinite else { return .null }
    if value == value.rounded(.towardZero) && value.magnitude < 0x1p53 {
      let integral = String(Int64(value))
      return .number(value.sign == .minus && value == 0 ? "-0" : integral)
    }
    return .number(value.description)
  }

  /// An integer number.
  public static func number(_ value: Int) -> JSONValue {
    .number(String(value))
  }
}

extension JSONValue: ExpressibleByStringLiteral, ExpressibleByBooleanLiteral,
  ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral, ExpressibleByArrayLiteral,
  ExpressibleByDictionaryLiteral
{
  public init(stringLiteral value: String) { self = .string(value) }
  public init(booleanLiteral value: Bool) { self = .bool(value) }
  public init(integerLiteral value: Int) { self = .number(value) }
  public init(floatLiteral value: Double) { self = .number(value) }
  public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
  /// An object with the members in literal order; a repeated key is a programming error.
  public init(dictionaryLiteral elements: (String, JSONValue)...) {
    self = .object(JSONObject(elements))
  }
}

/// A JSON object: its members by key, and the keys in the order they were written.
///
/// Keys are unique (the parser rejects duplicates). Equality and hashing ignore key order,
/// as JSON does: two objects are equal when they have the same members.
public struct JSONObject: Sendable, Hashable {
  /// The keys, in file order (or construction order).
  public let keys: [String]
  private let members: [String: JSONValue]

  /// An object with these members in this order. Precondition: keys are distinct.
  public init(_ pairs: [(String, JSONValue)]) {
    var members: [String: JSONValue] = [:]
    members.reserveCapacity(pairs.count)
    for (key, value) in pairs {
      precondition(members.updateValue(value, forKey: key) == nil, "duplicate JSON key \"\(key)\"")
    }
    self.init(keys: pairs.map(\.0), members: members)
  }

  /// An object from already-checked parts: `keys` lists exactly the keys of `members`.
  init(keys: [String], members: [String: JSONValue]) {
    self.keys = keys
    self.members = members
  }

  /// The value of the member named `key`, or nil if there is none.
  public subscript(key: String) -> JSONValue? { members[key] }

  /// The number of members.
  public var count: Int { keys.count }

  /// Whether the object has no members.
  public var isEmpty: Bool { keys.isEmpty }

  public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
    lhs.members == rhs.members
  }

  public func hash(into hasher: inout Hasher) {
    hasher.combine(members)
  }
}

extension JSONObject: ExpressibleByDictionaryLiteral {
  /// An object with the members in literal order; a repeated key is a programming error.
  public init(dictionaryLiteral elements: (String, JSONValue)...) {
    self.init(elements)
  }
}

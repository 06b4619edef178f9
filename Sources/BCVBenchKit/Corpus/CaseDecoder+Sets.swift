import BCVExpression
import BCVNumerics
import BCVValidation

extension CaseDecoder {
  static let maxSetDepth = 16

  mutating func decodeSet(_ object: JSONObject, key: String, parser: ExprParser,
                          variables: [String]) throws(InputError) -> StateSet {
    guard let value = object[key] else { throw error(key, "missing required key") }
    return try decodeSet(value, path: key, parser: parser, variables: variables, depth: 0)
  }

  mutating func decodeSet(_ value: JSONValue, path: String, parser: ExprParser, variables: [String],
                          depth: Int) throws(InputError) -> StateSet {
    guard depth <= Self.maxSetDepth else { throw error(path, "sets nested deeper than \(Self.maxSetDepth) levels") }
    guard let object = value.objectValue else {
      throw error(path, "expected a set object (box, where, anyOf), found \(value.typeName)")
    }
    warnUnknownKeys(object, known: Self.setKeys, at: path)
    var set = StateSet()
    if let boxValue = object["box"] {
      guard let box = boxValue.objectValue else {
        throw error("\(path).box", "expected an object of intervals, found \(boxValue.typeName)")
      }
      for name in box.keys {
        let key = "\(path).box.\(name)"
        guard let index = variables.firstIndex(of: name) else { throw error(key, "unknown variable '\(name)'") }
        let pair = box[name]!
        guard let items = pair.arrayValue, items.count == 2 else {
          throw error(key, "expected [lo, hi], found \(pair.typeName == "array" ? "an array of \(pair.arrayValue!.count)" : pair.typeName)")
        }
        let lo = try number(items[0], key: "\(key)[0]"), hi = try number(items[1], key: "\(key)[1]")
        guard lo <= hi else { throw error(key, "inverted interval [\(lo), \(hi)]: lo must be <= hi") }
        set.box[index] = Bounds(lo, hi)
      }
    }
    if let whereValue = object["where"] {
      guard let list = whereValue.arrayValue else {
        throw error("\(path).where", "expected an array of constraints, found \(whereValue.typeName)")
      }
      for (i, item) in list.enumerated() {
        let key = "\(path).where[\(i)]"
        guard let text = item.stringValue else { throw error(key, "expected a constraint string, found \(item.typeName)") }
        set.constraints.append(try constraint(text, key: key, parser: parser))
      }
    }
    if let anyValue = object["anyOf"] {
      guard let list = anyValue.arrayValue else {
        throw error("\(path).anyOf", "expected an array of sets, found \(anyValue.typeName)")
      }
      var members: [StateSet] = []
      for (i, item) in list.enumerated() {
        members.append(try decodeSet(item, path: "\(path).anyOf[\(i)]", parser: parser, variables: variables,
                                     depth: depth + 1))
      }
      set.anyOf = members
    }
    return set
  }

  /// `"EXPR REL EXPR"` with exactly one of `<=`, `<`, `>=`, `>`.
  func constraint(_ text: String, key: String, parser: ExprParser) throws(InputError) -> SetConstraint {
    let chars = Array(text)
    var found: [(index: Int, length: Int, relation: SetRelation)] = []
    var i = 0
    while i < chars.count {
      if chars[i] == "<" || chars[i] == ">" {
        let withEqual = i + 1 < chars.count && chars[i + 1] == "="
        let relation: SetRelation = chars[i] == "<" ? (withEqual ? .lessOrEqual : .less)
                                                    : (withEqual ? .greaterOrEqual : .greater)
        found.append((i, withEqual ? 2 : 1, relation))
        i += withEqual ? 2 : 1
      } else {
        if chars[i] == "=" { throw error(key, "unexpected '=' (relations are <=, <, >=, >)", column: i + 1) }
        i += 1
      }
    }
    guard let rel = found.first else {
      throw error(key, "a constraint needs one of <=, <, >=, >", column: 1)
    }
    guard found.count == 1 else {
      throw error(key, "a constraint takes exactly one relation", column: found[1].index + 1)
    }
    let lhsText = String(chars[..<rel.index])
    let rhsStart = rel.index + rel.length
    let rhsText = String(chars[rhsStart...])
    let lhs = try parse(lhsText, key: key, parser: parser)
    let rhs = try parse(rhsText, key: key, parser: parser, columnOffset: rhsStart)
    return SetConstraint(lhs: lhs, relation: rel.relation, rhs: rhs)
  }
}

import BCVNumerics
import BCVValidation

/// The one encoding of an obligation's result, wherever one is stored: `results.json`, the
/// disk cache, and the record an isolated child process returns.
///
/// Guarantees: `ObligationResult(json: r.json) == r` for every result (a property test
/// checks it); doubles read back bit for bit — finite ones as shortest round-trip numbers,
/// non-finite ones as the strings `"inf"`, `"-inf"` and `"nan"`; an unknown answer keeps its
/// reason's kind (`reasonKind`), so nothing is ever parsed out of the reason's text.
/// `acceptanceRate` is derived for readers and never read back.
extension ObligationResult {
  public var json: JSONValue {
    var pairs: [(String, JSONValue)] = [
      ("condition", .string(condition.rawValue)), ("evaluations", .number(evaluations)),
      ("boxes", .number(boxes)), ("samplesInRegion", .number(samplesInRegion)),
    ]
    switch status {
    case .holds(let proof):
      pairs.append(("status", .string("holds")))
      pairs.append(("proof", .bool(proof)))
    case .violated(let cex):
      pairs.append(("status", .string("violated")))
      pairs.append(("counterexample", .array(cex.point.map(Self.exact))))
      if let exact = cex.exactPointText { pairs.append(("exactCounterexample", .array(exact.map { .string($0) }))) }
      pairs.append(("value", Self.exact(cex.value)))
      pairs.append(("confirmation", .string(cex.confirmation.rawValue)))
    case .unknown(let reason):
      pairs.append(("status", .string("unknown")))
      pairs.append(("reason", .string(reason.detail)))
      pairs.append(("reasonKind", .string(reason.kind.rawValue)))
    }
    if samplesInRegion > 0 && evaluations > 0 {
      pairs.append(("acceptanceRate", .number(Double(samplesInRegion) / Double(evaluations))))
    }
    if let b = violationFractionBound { pairs.append(("violationFractionBound", Self.exact(b))) }
    if let c = confidence { pairs.append(("confidence", Self.exact(c))) }
    if let w = worstValue { pairs.append(("worstValue", Self.exact(w))) }
    if let u = undecidedFraction { pairs.append(("undecidedFraction", Self.exact(u))) }
    if let d = decidedBy { pairs.append(("decidedBy", .string(d))) }
    if let w = waves { pairs.append(("waves", .number(w))) }
    if hitTimeLimit { pairs.append(("hitTimeLimit", .bool(true))) }
    if let s = solver { pairs.append(("solver", .string(s))) }
    if let s = solverStatus { pairs.append(("solverStatus", .string(s))) }
    return .object(JSONObject(pairs))
  }

  /// Reads what `json` wrote; `key` and `file` name the place in errors. Files written
  /// before reasons had kinds read as `undecided` (their time-limited answers are marked by
  /// `hitTimeLimit`).
  public init(json value: JSONValue, key: String, file: String) throws(InputError) {
    guard let o = value.objectValue, let name = o["condition"]?.stringValue, let condition = ConditionName(rawValue: name),
          let status = o["status"]?.stringValue else {
      throw InputError(file: file, key: key, "expected an obligation with condition and status")
    }
    func number(_ field: String) throws(InputError) -> Double? {
      guard let v = o[field] else { return nil }
      guard let x = Self.exactDouble(v) else { throw InputError(file: file, key: "\(key).\(field)", "expected a number") }
      return x
    }
    let decoded: ObligationStatus
    switch status {
    case "holds": decoded = .holds(proof: o["proof"]?.boolValue ?? false)
    case "violated":
      var point: [Double] = []
      for (i, v) in (o["counterexample"]?.arrayValue ?? []).enumerated() {
        guard let x = Self.exactDouble(v) else { throw InputError(file: file, key: "\(key).counterexample[\(i)]", "expected a number") }
        point.append(x)
      }
      let confirmation = o["confirmation"]?.stringValue.flatMap(Confirmation.init(rawValue:)) ?? .exactRational
      var exact: [Rational]?
      if let texts = o["exactCounterexample"]?.arrayValue {
        guard let parsed = Counterexample.parseExactPoint(texts.compactMap(\.stringValue)), parsed.count == texts.count else {
          throw InputError(file: file, key: "\(key).exactCounterexample", "expected coordinates written as p/q")
        }
        exact = parsed
      }
      decoded = .violated(Counterexample(point: point, value: try number("value") ?? .nan, confirmation: confirmation,
                                         exactPoint: exact))
    case "unknown":
      let kind = o["reasonKind"]?.stringValue ?? UnknownReason.Kind.undecided.rawValue
      guard let parsed = UnknownReason.Kind(rawValue: kind) else {
        throw InputError(file: file, key: "\(key).reasonKind",
                         "unknown reason kind '\(kind)' (known: \(UnknownReason.Kind.allCases.map(\.rawValue).joined(separator: ", ")))")
      }
      decoded = .unknown(UnknownReason(parsed, o["reason"]?.stringValue ?? ""))
    default: throw InputError(file: file, key: "\(key).status", "unknown status '\(status)'")
    }
    self.init(condition: condition, status: decoded)
    evaluations = o["evaluations"]?.intValue ?? 0
    boxes = o["boxes"]?.intValue ?? 0
    samplesInRegion = o["samplesInRegion"]?.intValue ?? 0
    violationFractionBound = try number("violationFractionBound")
    confidence = try number("confidence")
    worstValue = try number("worstValue")
    undecidedFraction = try number("undecidedFraction")
    decidedBy = o["decidedBy"]?.stringValue
    waves = o["waves"]?.intValue
    hitTimeLimit = o["hitTimeLimit"]?.boolValue ?? false
    solver = o["solver"]?.stringValue
    solverStatus = o["solverStatus"]?.stringValue
  }

  /// A double as JSON that reads back bit for bit (`exactDouble`).
  static func exact(_ x: Double) -> JSONValue {
    if x.isFinite { return .number(x) }
    return .string(x.isNaN ? "nan" : (x < 0 ? "-inf" : "inf"))
  }

  /// The double `exact` wrote, or nil.
  static func exactDouble(_ v: JSONValue) -> Double? {
    switch v {
    case .number: return v.doubleValue
    case .string("inf"): return .infinity
    case .string("-inf"): return -.infinity
    case .string("nan"): return .nan
    default: return nil
    }
  }
}

extension ResultCodec {
  /// The results file's encoding of an obligation's result, as the disk cache's entries:
  /// one codec wherever a result is stored.
  public static let resultsJSON = ResultCodec(
    encode: { JSONWriter.write($0.json, pretty: false) },
    decode: { text in
      guard let value = try? JSONParser.parse(text) else { return nil }
      return try? ObligationResult(json: value, key: "entry", file: "cache")
    })
}

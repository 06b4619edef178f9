import BCVNumerics

/// The text form of a cached obligation result: one `key value` line per field, doubles
/// as the hex of their bits, so a value read back is bit-identical to the one stored, and
/// a disk hit equals a memory hit field for field (the external solver and its status
/// included).
enum CacheEntryCodec {
  static func encode(_ r: ObligationResult) -> String {
    var lines = ["condition \(r.condition.rawValue)"]
    switch r.status {
    case .holds(let proof): lines.append("status holds \(proof ? 1 : 0)")
    case .violated(let cex):
      lines.append("status violated \(cex.confirmation.rawValue) \(bits(cex.value)) " + cex.point.map(bits).joined(separator: " "))
      if let exact = cex.exactPointText { lines.append("exact " + exact.joined(separator: " ")) }
    case .unknown(let reason):
      lines.append("status unknown \(reason.kind.rawValue) " + reason.detail.replacingNewlines)
    }
    lines.append("evaluations \(r.evaluations)")
    lines.append("boxes \(r.boxes)")
    lines.append("samples \(r.samplesInRegion)")
    lines.append("bound \(optional(r.violationFractionBound))")
    lines.append("confidence \(optional(r.confidence))")
    lines.append("worst \(optional(r.worstValue))")
    lines.append("undecided \(optional(r.undecidedFraction))")
    lines.append("decided " + (r.decidedBy ?? "-"))
    if let w = r.waves { lines.append("waves \(w)") }
    if let name = r.solver { lines.append("solver " + name.replacingNewlines) }
    if let status = r.solverStatus { lines.append("solverstatus " + status.replacingNewlines) }
    return lines.joined(separator: "\n")
  }

  /// The result, or nil for any text `encode` could not have produced.
  static func decode(_ text: String) -> ObligationResult? {
    var fields: [String: String] = [:]
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
      guard let space = line.firstIndex(of: " ") else { return nil }
      fields[String(line[..<space])] = String(line[line.index(after: space)...])
    }
    guard let conditionName = fields["condition"], let condition = ConditionName(rawValue: conditionName),
          let statusText = fields["status"], let status = decodeStatus(statusText),
          let evaluations = fields["evaluations"].flatMap({ Int($0) }), let boxes = fields["boxes"].flatMap({ Int($0) }),
          let samples = fields["samples"].flatMap({ Int($0) }),
          let bound = fields["bound"].flatMap(optionalDouble), let confidence = fields["confidence"].flatMap(optionalDouble),
          let worst = fields["worst"].flatMap(optionalDouble), let undecided = fields["undecided"].flatMap(optionalDouble)
    else { return nil }
    var r = ObligationResult(condition: condition, status: status)
    if let exactText = fields["exact"] {
      guard case .violated(let cex) = status,
            let exact = Counterexample.parseExactPoint(exactText.split(separator: " ").map(String.init)),
            exact.count == cex.point.count else { return nil }
      r.status = .violated(Counterexample(point: cex.point, value: cex.value, confirmation: cex.confirmation, exactPoint: exact))
    }
    r.evaluations = evaluations
    r.boxes = boxes
    r.samplesInRegion = samples
    r.violationFractionBound = bound
    r.confidence = confidence
    r.worstValue = worst
    r.undecidedFraction = undecided
    if let d = fields["decided"], d != "-" { r.decidedBy = d }
    if let w = fields["waves"] {
      guard let n = Int(w), n >= 0 else { return nil }
      r.waves = n
    }
    r.solver = fields["solver"]
    r.solverStatus = fields["solverstatus"]
    return r
  }

  private static func decodeStatus(_ text: String) -> ObligationStatus? {
    let parts = text.split(separator: " ", maxSplits: 1).map(String.init)
    guard let kind = parts.first else { return nil }
    switch kind {
    case "holds":
      guard parts.count == 2, parts[1] == "0" || parts[1] == "1" else { return nil }
      return .holds(proof: parts[1] == "1")
    case "unknown":
      guard parts.count == 2 else { return nil }
      let words = parts[1].split(separator: " ", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
      guard let kind = UnknownReason.Kind(rawValue: words[0]) else { return nil }
      return .unknown(UnknownReason(kind, words.count == 2 ? words[1] : ""))
    case "violated":
      guard parts.count == 2 else { return nil }
      let words = parts[1].split(separator: " ").map(String.init)
      guard words.count >= 2, let confirmation = Confirmation(rawValue: words[0]), let value = double(words[1]) else { return nil }
      var point: [Double] = []
      for w in words.dropFirst(2) {
        guard let x = double(w) else { return nil }
        point.append(x)
      }
      return .violated(Counterexample(point: point, value: value, confirmation: confirmation))
    default:
      return nil
    }
  }

  private static func bits(_ x: Double) -> String { String(x.bitPattern, radix: 16) }
  private static func double(_ s: String) -> Double? { UInt64(s, radix: 16).map(Double.init(bitPattern:)) }
  private static func optional(_ x: Double?) -> String { x.map(bits) ?? "-" }
  /// `.some(nil)` for "-", `.some(x)` for a double, nil for anything else.
  private static func optionalDouble(_ s: String) -> Double?? {
    if s == "-" { return .some(nil) }
    return double(s).map { .some($0) }
  }
}

extension String {
  var replacingNewlines: String {
    String(map { $0 == "\n" || $0 == "\r" ? " " : $0 })
  }
}

import BCVPlatform
import BCVValidation

/// Reads suite files (`bcv-suite/1`) and finds suites by name.
public enum SuiteLoader {
  public static let formatTag = "bcv-suite/1"
  static let keys: Set<String> = ["format", "name", "description", "corpus", "select", "matrix", "seed",
                                  "timeLimit", "confidence", "gate", "budget", "confirm"]
  static let gateKeys: Set<String> = ["preset", "minEffect", "alpha", "correction", "counterTolerance", "cacheHitRateDrop",
                                      "allowUnknown", "noiseMultiple", "strategies"]
  static let selectKeys: Set<String> = ["tags", "excludeTags", "cases"]

  /// The suite file for a name: `NAME` itself when it is a path to a file, otherwise
  /// `Suites/NAME.json` under the current directory.
  public static func locate(_ name: String, suitesDirectory: String = "Suites") throws(InputError) -> String {
    if name.hasSuffix(".json") || name.contains("/") {
      guard Platform.fileExists(name) else { throw InputError(file: name, "no such suite file") }
      return name
    }
    let path = suitesDirectory + "/" + name + ".json"
    guard Platform.fileExists(path) else {
      let known = (try? Platform.listFiles(under: suitesDirectory, withExtension: "json")) ?? []
      let names = known.filter { !$0.dropFirst(suitesDirectory.count + 1).contains("/") }
        .map { String($0.dropFirst(suitesDirectory.count + 1).dropLast(5)) }
      throw InputError(file: path, "unknown suite '\(name)'" + (names.isEmpty ? "" : " (available: \(names.joined(separator: ", ")))"))
    }
    return path
  }

  public static func load(_ path: String) throws(InputErrors) -> (suite: Suite, warnings: [InputError]) {
    let bytes: [UInt8]
    do { bytes = try AtomicFile.read(path, maxBytes: 1 << 20) } catch {
      throw InputErrors([InputError(file: path, "\(error)")])
    }
    guard let text = String(validating: bytes, as: UTF8.self) else {
      throw InputErrors([InputError(file: path, "not valid UTF-8")])
    }
    return try load(text: text, file: path)
  }

  /// Decodes suite text that claims to come from `path` (relative corpus paths resolve
  /// against its folder).
  public static func load(text: String, file path: String) throws(InputErrors) -> (suite: Suite, warnings: [InputError]) {
    func fail(_ key: String?, _ message: String) -> InputErrors { InputErrors([InputError(file: path, key: key, message)]) }
    let bytes = Array(text.utf8)
    let root: JSONValue
    do { root = try JSONParser.parse(text) } catch let e {
      throw InputErrors([InputError(file: path, line: e.line, column: e.column, e.reason)])
    }
    guard let object = root.objectValue else { throw fail(nil, "expected a JSON object, found \(root.typeName)") }
    guard object["format"]?.stringValue == formatTag else {
      throw fail("format", "expected \"\(formatTag)\"")
    }
    var warnings = object.keys.filter { !keys.contains($0) }.map { InputError(file: path, key: $0, "unknown key ignored") }
    guard let name = object["name"]?.stringValue, !name.isEmpty else { throw fail("name", "missing or not a string") }
    let directory = path.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/")
    guard let corpusList = object["corpus"]?.arrayValue, !corpusList.isEmpty else {
      throw fail("corpus", "expected a non-empty array of paths")
    }
    var corpusPaths: [String] = []
    for (i, item) in corpusList.enumerated() {
      guard let p = item.stringValue else { throw fail("corpus[\(i)]", "expected a path string, found \(item.typeName)") }
      corpusPaths.append(p.hasPrefix("/") || directory.isEmpty ? p : directory + "/" + p)
    }
    var suite = Suite(name: name, description: object["description"]?.stringValue, file: path, corpusPaths: corpusPaths)
    suite.contentHash = SHA256.hex(of: bytes)
    if let g = object["gate"] {
      let (gate, gateWarnings) = try gateThresholds(g, path: path)
      suite.gate = gate
      warnings += gateWarnings
    }
    if let select = object["select"] {
      guard let s = select.objectValue else { throw fail("select", "expected an object, found \(select.typeName)") }
      warnings += s.keys.filter { !selectKeys.contains($0) }.map { InputError(file: path, key: "select.\($0)", "unknown key ignored") }
      if let tags = s["tags"] { suite.selection.tags = try strings(tags, key: "select.tags", path: path) }
      if let ex = s["excludeTags"] { suite.selection.excludeTags = try strings(ex, key: "select.excludeTags", path: path) }
      if let ids = s["cases"] { suite.selection.caseIDs = try strings(ids, key: "select.cases", path: path) }
    }
    if let m = object["matrix"] {
      for (i, block) in (m.arrayValue ?? [m]).enumerated() {
        let prefix = m.arrayValue == nil ? "matrix" : "matrix[\(i)]"
        warnings += (block.objectValue?.keys ?? []).filter { !RunMatrix.jsonKeys.contains($0) }
          .map { InputError(file: path, key: "\(prefix).\($0)", "unknown key ignored") }
      }
      do { suite.matrix = try RunMatrix(json: m, source: path) } catch let e { throw InputErrors([e]) }
    }
    let matrixErrors = suite.matrix.validationErrors(source: path).map { e -> InputError in
      var e = e
      e.key = e.key.map { $0 == "matrix" ? $0 : "matrix.\($0)" }
      return e
    }
    if !matrixErrors.isEmpty { throw InputErrors(matrixErrors) }
    if let v = object["seed"] {
      guard let n = v.intValue, n >= 0 else { throw fail("seed", "expected a non-negative integer") }
      suite.seed = UInt64(n)
    }
    if let v = object["timeLimit"] {
      guard let t = v.doubleValue, t > 0, t.isFinite else { throw fail("timeLimit", "expected a positive number of seconds") }
      suite.timeLimit = t
    }
    if let v = object["budget"] {
      do { suite.budget = try WorkBudget(json: v, file: path, key: "budget") } catch let e { throw InputErrors([e]) }
    }
    if let v = object["confirm"] {
      guard let b = v.boolValue else { throw fail("confirm", "expected true or false") }
      suite.confirmsRegressions = b
    }
    if let v = object["confidence"] {
      guard let c = v.doubleValue, c > 0, c < 1 else { throw fail("confidence", "expected a number strictly between 0 and 1") }
      suite.confidence = c
    }
    return (suite, warnings)
  }

  static func gateThresholds(_ value: JSONValue, path: String) throws(InputErrors) -> (GateThresholds, [InputError]) {
    func fail(_ key: String, _ message: String) -> InputErrors { InputErrors([InputError(file: path, key: "gate.\(key)", message)]) }
    guard let g = value.objectValue else { throw fail("", "expected an object") }
    let warnings = g.keys.filter { !gateKeys.contains($0) }.map { InputError(file: path, key: "gate.\($0)", "unknown key ignored") }
    var t = GateThresholds.default
    if let p = g["preset"] {
      guard let name = p.stringValue, let preset = GateThresholds.preset(named: name) else {
        throw fail("preset", "expected one of default, strict, relaxed")
      }
      t = preset
    }
    func fraction(_ key: String, _ range: ClosedRange<Double>) throws(InputErrors) -> Double? {
      guard let v = g[key] else { return nil }
      guard let d = v.doubleValue, range.contains(d) else { throw fail(key, "expected a number in \(range.lowerBound)...\(range.upperBound)") }
      return d
    }
    t.minEffect = try fraction("minEffect", 0...10) ?? t.minEffect
    t.alpha = try fraction("alpha", 0.000001...0.5) ?? t.alpha
    t.counterTolerance = try fraction("counterTolerance", 0...10) ?? t.counterTolerance
    t.cacheHitRateDrop = try fraction("cacheHitRateDrop", 0...1) ?? t.cacheHitRateDrop
    t.noiseMultiple = try fraction("noiseMultiple", 0...100) ?? t.noiseMultiple
    if let v = g["allowUnknown"] {
      guard let b = v.boolValue else { throw fail("allowUnknown", "expected true or false") }
      t.allowUnknown = b
    }
    if let v = g["correction"] {
      guard let name = v.stringValue, let c = GateThresholds.Correction(rawValue: name) else {
        throw fail("correction", "expected holm or bh")
      }
      t.correction = c
    }
    if let v = g["strategies"] {
      guard let per = v.objectValue else { throw fail("strategies", "expected an object of strategy settings") }
      for name in per.keys {
        guard let effect = per[name]?.objectValue?["minEffect"]?.doubleValue, effect >= 0 else {
          throw fail("strategies.\(name)", "expected { \"minEffect\": number }")
        }
        t.strategyMinEffect[name] = effect
      }
    }
    return (t, warnings)
  }

  static func strings(_ value: JSONValue, key: String, path: String) throws(InputErrors) -> [String] {
    guard let list = value.arrayValue else {
      throw InputErrors([InputError(file: path, key: key, "expected an array of strings, found \(value.typeName)")])
    }
    var result: [String] = []
    for (i, item) in list.enumerated() {
      guard let s = item.stringValue else {
        throw InputErrors([InputError(file: path, key: "\(key)[\(i)]", "expected a string, found \(item.typeName)")])
      }
      result.append(s)
    }
    return result
  }

  static func integers(_ value: JSONValue, key: String, path: String) throws(InputErrors) -> [Int] {
    guard let list = value.arrayValue else {
      throw InputErrors([InputError(file: path, key: key, "expected an array of integers, found \(value.typeName)")])
    }
    var result: [Int] = []
    for (i, item) in list.enumerated() {
      guard let n = item.intValue else {
        throw InputErrors([InputError(file: path, key: "\(key)[\(i)]", "expected an integer, found \(item.typeName)")])
      }
      result.append(n)
    }
    return result
  }
}

import BCVBenchKit
import BCVNumerics
import BCVValidation
import Foundation
import Testing

/// A minimal valid case as a JSON object literal, with `overrides` replacing keys.
func caseJSON(_ id: String = "c1", _ overrides: [String: String] = [:], dropping: Set<String> = []) -> String {
  var fields: [String: String] = [
    "id": "\"\(id)\"",
    "variables": "[\"x\", \"y\"]",
    "dynamics": "[\"-x\", \"-y\"]",
    "domain": "{\"box\": {\"x\": [-2, 2], \"y\": [-2, 2]}}",
    "initial": "{\"where\": [\"x^2 + y^2 <= 0.25\"]}",
    "unsafe": "{\"box\": {\"x\": [1.5, 2]}}",
    "certificate": "\"x^2 + y^2 - 1\"",
    "expected": "{\"verdict\": \"valid\"}",
  ]
  for (k, v) in overrides { fields[k] = v }
  let body = fields.keys.sorted().filter { !dropping.contains($0) }.map { "\"\($0)\": \(fields[$0]!)" }
  return "{" + body.joined(separator: ", ") + "}"
}

func corpusJSON(_ cases: [String]) -> String {
  "{\"format\": \"bcv-corpus/1\", \"name\": \"t\", \"cases\": [" + cases.joined(separator: ", ") + "]}"
}

@Suite struct CorpusLoading {
  let loader = CorpusLoader()

  func onlyError(_ text: String) -> InputError? {
    let corpus = loader.load(text: text, file: "t.json")
    #expect(corpus.cases.isEmpty, "expected the case to be rejected")
    return corpus.errors.first
  }

  @Test func aValidCaseLoadsWithExactBounds() throws {
    let corpus = loader.load(text: corpusJSON([caseJSON("a", ["domain": "{\"box\": {\"x\": [-0.1, 0.1], \"y\": [0, 1e-1]}}"])]), file: "t.json")
    #expect(corpus.errors.isEmpty)
    let c = try #require(corpus.cases.first)
    #expect(c.problem.domain.box[0] == Bounds(-Rational(1) / Rational(10), Rational(1) / Rational(10)))
    #expect(c.problem.domain.box[1]?.upper == Rational(1) / Rational(10))
    #expect(c.expected?.verdict == .valid)
  }

  @Test func oneBadCaseDoesNotStopTheOthers() {
    let corpus = loader.load(text: corpusJSON([caseJSON("good1"), caseJSON("bad", ["certificate": "\"x +\""]), caseJSON("good2")]),
                             file: "t.json")
    #expect(corpus.cases.map(\.id) == ["good1", "good2"])
    #expect(corpus.errors.count == 1)
  }

  @Test func unknownKeysAreWarningsNamingTheKey() {
    let corpus = loader.load(text: corpusJSON([caseJSON("a", ["colour": "\"red\"", "condition": "{\"kind\": \"standard\", \"extra\": 1}"])]),
                             file: "t.json")
    #expect(corpus.cases.count == 1)
    #expect(Set(corpus.warnings.compactMap(\.key)) == ["colour", "condition.extra"])
  }

  @Test(arguments: [
    ("certificate", "\"x + (y * 2))\"", "certificate", "unexpected ')'", 12),
    ("dynamics", "[\"-x\", \"-y + z\"]", "dynamics[1]", "unknown variable 'z'", 6),
    ("dynamics", "[\"-x\", \"sinh(y)\"]", "dynamics[1]", "unknown function 'sinh'", 1),
    ("certificate", "\"x / 0\"", "certificate", "division by zero", 3),
    ("certificate", "\"x^100000000\"", "certificate", "exponent 100000000 exceeds", 2),
  ] as [(String, String, String, String, Int)])
  func expressionErrorsNameKeyAndColumn(key: String, value: String, errorKey: String, message: String, column: Int) throws {
    let e = try #require(onlyError(corpusJSON([caseJSON("a", [key: value])])))
    #expect(e.file == "t.json")
    #expect(e.caseID == "a")
    #expect(e.key == errorKey)
    #expect(e.column == column)
    #expect(e.message.hasPrefix(message), "\(e)")
  }

  @Test func constraintColumnsCountFromTheStartOfTheConstraint() throws {
    let e = try #require(onlyError(corpusJSON([caseJSON("a", ["initial": "{\"where\": [\"x^2 <= y +* 2\"]}"])])))
    #expect(e.key == "initial.where[0]")
    #expect(e.column == 11)
  }

  @Test(arguments: [
    (["variables": "[]"], "variables", "at least one"),
    (["variables": "\"x\""], "variables", "expected an array"),
    (["variables": "[\"x\", \"sin\"]"], "variables[1]", "reserved"),
    (["variables": "[\"x\", \"x\"]"], "variables[1]", "listed twice"),
    (["dynamics": "[\"-x\"]"], "dynamics", "has 1 expressions for 2 variables"),
    (["dynamics": "[\"-x\", 3]"], "dynamics[1]", "expected an expression string, found number"),
    (["domain": "{\"box\": {\"x\": [2, -2], \"y\": [-2, 2]}}"], "domain.box.x", "inverted interval"),
    (["domain": "{\"box\": {\"x\": [-2, 2]}}"], "domain.box", "must bound every variable; 'y' is missing"),
    (["domain": "{\"box\": {\"x\": [-2, 2, 3], \"y\": [-2, 2]}}"], "domain.box.x", "expected [lo, hi]"),
    (["domain": "{\"box\": {\"x\": [\"a\", 2], \"y\": [-2, 2]}}"], "domain.box.x[0]", "expected a number or a constant expression"),
    (["initial": "[]"], "initial", "expected a set object"),
    (["initial": "{\"where\": [\"x^2 + y^2\"]}"], "initial.where[0]", "a constraint needs one of"),
    (["initial": "{\"where\": [\"x < y < 1\"]}"], "initial.where[0]", "exactly one relation"),
    (["initial": "{\"where\": [\"x == 1\"]}"], "initial.where[0]", "unexpected '='"),
    (["condition": "{\"kind\": \"polynomial\"}"], "condition.kind", "unknown condition kind 'polynomial'"),
    (["condition": "{\"kind\": \"levelset\", \"c1\": 1, \"c2\": 0}"], "condition", "c1 < c2"),
    (["condition": "{\"kind\": \"levelset\", \"c1\": 1}"], "condition.c2", "missing"),
    (["condition": "{\"kind\": \"exponential\", \"lambda\": 1}", "time": "\"discrete\""], "condition.kind", "continuous time only"),
    (["time": "\"hybrid\""], "time", "not a time model"),
    (["expected": "{\"verdict\": \"maybe\"}"], "expected.verdict", "not a verdict"),
    (["expected": "{\"verdict\": \"invalid\", \"violates\": \"safety\"}"], "expected.violates", "one of initial, unsafe, flow"),
    (["expected": "{\"verdict\": \"invalid\", \"witness\": {\"x\": 1}}"], "expected.witness", "no coordinate for 'y'"),
    (["id": "\"has space\""], "id", "not a valid id"),
    (["certificate": "3"], "certificate", "expected an expression string, found number"),
  ] as [([String: String], String, String)])
  func structuralErrorsNameTheKey(overrides: [String: String], key: String, message: String) throws {
    let text = corpusJSON([caseJSON("a", overrides)])
    let corpus = loader.load(text: text, file: "t.json")
    let e = try #require(corpus.errors.first, "no error for \(overrides)")
    #expect(corpus.cases.isEmpty)
    #expect(e.key == key, "\(e)")
    #expect(e.message.contains(message), "\(e)")
  }

  @Test(arguments: ["id", "variables", "dynamics", "domain", "initial", "unsafe", "certificate"])
  func missingRequiredKeysAreNamed(key: String) throws {
    let e = try #require(onlyError(corpusJSON([caseJSON("a", dropping: [key])])))
    #expect(e.key == key)
    #expect(e.message.contains("missing"))
  }

  @Test(arguments: [
    ("", "empty"),
    ("   ", ""),
    ("[]", "top level"),
    ("{\"cases\": []}", "format"),
    ("{\"format\": \"bcv-corpus/2\", \"cases\": []}", "not supported"),
    ("{\"format\": \"bcv-corpus/1\"}", "missing"),
    ("{\"format\": \"bcv-corpus/1\", \"cases\": {}}", "expected an array"),
    ("{\"format\": \"bcv-corpus/1\", \"cases\": [1]}", "expected an object"),
    ("{\"format\": \"bcv-corpus/1\", \"cases\": [}", ""),
  ])
  func brokenFilesAreRejectedWithAMessage(text: String, fragment: String) {
    let corpus = loader.load(text: text, file: "t.json")
    #expect(corpus.cases.isEmpty)
    #expect(corpus.errors.count == 1)
    #expect(corpus.errors.first?.file == "t.json")
    #expect(fragment.isEmpty || corpus.errors.first?.description.contains(fragment) == true, "\(corpus.errors)")
  }

  @Test func tenThousandParenthesesAreAnErrorNotACrash() throws {
    let deep = String(repeating: "(", count: 10_000) + "x" + String(repeating: ")", count: 10_000)
    let e = try #require(onlyError(corpusJSON([caseJSON("a", ["certificate": "\"\(deep)\""])])))
    #expect(e.message.contains("nested deeper"))
    let deepJSON = String(repeating: "[", count: 100_000)
    #expect(loader.load(text: deepJSON, file: "t.json").errors.count == 1)
  }

  @Test func duplicateIdsAcrossFilesNameBothFiles() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("bcv-dup-\(getpid())").path
    try? FileManager.default.removeItem(atPath: dir)
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    try corpusJSON([caseJSON("same"), caseJSON("other")]).write(toFile: dir + "/a.json", atomically: true, encoding: .utf8)
    try corpusJSON([caseJSON("same")]).write(toFile: dir + "/b.json", atomically: true, encoding: .utf8)
    let corpus = try CorpusLoader().load(paths: [dir])
    #expect(corpus.cases.map(\.id) == ["same", "other"])
    let e = try #require(corpus.errors.first)
    #expect(e.file == dir + "/b.json")
    #expect(e.message.contains(dir + "/a.json"))
    #expect(throws: InputErrors.self) { try CorpusLoader(strict: true).load(paths: [dir]) }
  }

  @Test func aMissingPathIsAnError() {
    #expect(throws: InputErrors.self) { try CorpusLoader().load(paths: ["/nonexistent/corpus.json"]) }
  }
}

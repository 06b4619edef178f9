import BCVBenchKit
import BCVNumerics
import BCVTestSupport
import Testing

/// The error that parsing `text` throws, or nil if it parses.
private func parseError(_ text: String, maxDepth: Int = 256) -> JSONParseError? {
  do {
    _ = try JSONParser.parse(text, maxDepth: maxDepth)
    return nil
  } catch {
    return error
  }
}

private func parseError(data: [UInt8]) -> JSONParseError? {
  do {
    _ = try JSONParser.parse(data: data)
    return nil
  } catch {
    return error
  }
}

/// A malformed document and the error it must produce.
struct MalformedJSON: Sendable, CustomTestStringConvertible {
  let text: String
  let line: Int
  let column: Int
  let reason: String
  init(_ text: String, _ line: Int, _ column: Int, _ reason: String) {
    (self.text, self.line, self.column, self.reason) = (text, line, column, reason)
  }
  var testDescription: String { String(reflecting: text) }
}

private let malformedDocuments: [MalformedJSON] = [
  MalformedJSON("", 1, 1, "empty file"),
  MalformedJSON(" \n\t ", 1, 1, "empty file"),
  MalformedJSON("[", 1, 2, "expected a value, found end of file"),
  MalformedJSON("[1,2", 1, 5, "expected ',' or ']' after an array element"),
  MalformedJSON("[1 2]", 1, 4, "expected ',' or ']' after an array element"),
  MalformedJSON(#"{"a": 1 "b": 2}"#, 1, 9, "expected ',' or '}' after an object member"),
  MalformedJSON("{\n  \"a\": 1,\n  \"b\": 2\n  \"c\": 3\n}", 4, 3, "expected ',' or '}' after an object member"),
  MalformedJSON(#"{"a" 1}"#, 1, 6, "expected ':' after an object key"),
  MalformedJSON(#"{1: 2}"#, 1, 2, "expected a string key, found '1'"),
  MalformedJSON(#"{"a": 1, }"#, 1, 8, "trailing comma before '}'"),
  MalformedJSON("[1,\n  ]", 1, 3, "trailing comma before ']'"),
  MalformedJSON(#"{"a": 1, "a": 2}"#, 1, 10, #"duplicate key "a" in an object"#),
  MalformedJSON("[01]", 1, 2, "invalid number: leading zeros are not allowed"),
  MalformedJSON("[-]", 1, 3, "invalid number: expected a digit after '-'"),
  MalformedJSON("[1.]", 1, 4, "invalid number: expected a digit after '.'"),
  MalformedJSON("[1e+]", 1, 5, "invalid number: expected a digit in the exponent"),
  MalformedJSON("[.5]", 1, 2, "expected a value, found '.'"),
  MalformedJSON("[+1]", 1, 2, "expected a value, found '+'"),
  MalformedJSON("[NaN]", 1, 2, "expected a value, found 'N'"),
  MalformedJSON("[tru]", 1, 2, "invalid literal, expected 'true'"),
  MalformedJSON("nul", 1, 1, "invalid literal, expected 'null'"),
  MalformedJSON("[\"abc", 1, 2, "unterminated string"),
  MalformedJSON("\"a\tb\"", 1, 3, "control character U+0009 in a string must be escaped"),
  MalformedJSON(#""\x""#, 1, 2, "invalid escape '\\' followed by 'x'"),
  MalformedJSON(#""\u12G4""#, 1, 2, #"invalid \u escape: expected 4 hex digits"#),
  MalformedJSON(#""ab\u12"#, 1, 4, #"invalid \u escape: expected 4 hex digits"#),
  MalformedJSON(#""\uD83D""#, 1, 2, #"lone high surrogate \uD83D without a following low surrogate"#),
  MalformedJSON(#""\uD83D\u0041""#, 1, 2, #"lone high surrogate \uD83D without a following low surrogate"#),
  MalformedJSON(#""\uDE00""#, 1, 2, #"lone low surrogate \uDE00"#),
  MalformedJSON("[1] [2]", 1, 5, "unexpected '[' after the top-level value"),
  MalformedJSON("// comment\n1", 1, 1, "expected a value, found '/'"),
  MalformedJSON("[\u{0}]", 1, 2, "expected a value, found U+0000"),
  MalformedJSON("[é]", 1, 2, "expected a value, found 'é' (U+00E9)"),
  MalformedJSON("[\"é\", x]", 1, 7, "expected a value, found 'x'"),
  MalformedJSON("\r\n\r\n  x", 3, 3, "expected a value, found 'x'"),
  MalformedJSON("\r\r  x", 3, 3, "expected a value, found 'x'"),
  MalformedJSON("\u{FEFF}[,]", 1, 2, "expected a value, found ','"),
]

@Suite struct JSONTests {
  // MARK: Parsing

  @Test("every kind of malformed document is rejected with its line, column and reason",
        arguments: malformedDocuments)
  func malformedDocumentIsRejected(_ example: MalformedJSON) {
    let error = parseError(example.text)
    #expect(error == JSONParseError(line: example.line, column: example.column, reason: example.reason))
  }

  @Test("a trailing comma is rejected at its column") func trailingCommaIsRejectedAtItsColumn() {
    #expect(parseError("[1, 2,]") == JSONParseError(line: 1, column: 6, reason: "trailing comma before ']'"))
    let error = parseError("{\n  \"a\": 1,\n}")
    #expect(error?.description == "line 2, column 9: trailing comma before '}'")
  }

  @Test("invalid UTF-8 is rejected at the offending byte") func invalidUTF8IsRejected() throws {
    let quote = UInt8(ascii: "\"")
    let cases: [([UInt8], Int, String)] = [
      ([quote, 0xFF, quote], 2, "invalid UTF-8 byte 0xFF"),
      ([quote, 0x61, 0xC0, 0x80, quote], 3, "invalid UTF-8 byte 0xC0"),  // overlong
      ([quote, 0xED, 0xA0, 0x80, quote], 2, "invalid UTF-8 byte 0xED"),  // encoded surrogate
      ([quote, 0xF4, 0x90, 0x80, 0x80, quote], 2, "invalid UTF-8 byte 0xF4"),  // above U+10FFFF
      ([quote, 0xE2, 0x82], 2, "invalid UTF-8 byte 0xE2"),  // truncated
      ([UInt8(ascii: "["), 0x80, UInt8(ascii: "]")], 2, "expected a value, found invalid UTF-8 byte 0x80"),
    ]
    for (data, column, reason) in cases {
      #expect(parseError(data: data) == JSONParseError(line: 1, column: column, reason: reason))
    }
    #expect(try JSONParser.parse(data: [quote, 0xE2, 0x82, 0xAC, 0xF0, 0x9F, 0x98, 0x80, quote]) == .string("€😀"))
  }

  @Test("nesting beyond the depth limit is rejected without overflowing the stack")
  func deepNestingIsRejectedCleanly() throws {
    let deep = String(repeating: "[", count: 100_000)
    #expect(parseError(deep) == JSONParseError(line: 1, column: 257, reason: "nesting deeper than 256 levels"))
    let deepObjects = String(repeating: #"{"a":"#, count: 100_000)
    #expect(parseError(deepObjects)?.reason == "nesting deeper than 256 levels")

    let atLimit = String(repeating: "[", count: 256) + String(repeating: "]", count: 256)
    var value = try JSONParser.parse(atLimit)
    var depth = 0
    while let elements = value.arrayValue, let first = elements.first {
      depth += 1
      value = first
    }
    #expect(depth == 255 && value == .array([]))
    #expect(parseError("[[[]]]", maxDepth: 2) == JSONParseError(line: 1, column: 3, reason: "nesting deeper than 2 levels"))
    #expect(try JSONParser.parse("7", maxDepth: 0) == .number("7"))
  }

  @Test("numbers keep their text exactly as written") func numbersKeepTheirText() throws {
    let value = try JSONParser.parse("[0.1, -0, 1e-3, 1E+400, -12.50e0, 123456789012345678901234567890]")
    #expect(value == .array(["0.1", "-0", "1e-3", "1E+400", "-12.50e0", "123456789012345678901234567890"].map(JSONValue.number)))
    let numbers = try #require(value.arrayValue)
    #expect(numbers[0].doubleValue == 0.1)
    #expect(numbers[2].doubleValue == 0.001)
    #expect(numbers[3].doubleValue == .infinity)
    #expect(numbers[4].doubleValue == -12.5)
  }

  @Test("only integral literals in Int range have an intValue") func intValueIsOnlyForIntegralLiterals() throws {
    let value = try JSONParser.parse("[42, -7, 2.0, 1e3, 9223372036854775807, 9223372036854775808, \"1\"]")
    let ints = try #require(value.arrayValue).map(\.intValue)
    #expect(ints == [42, -7, nil, nil, Int.max, nil, nil])
  }

  @Test("escapes decode, including surrogate pairs") func escapesDecode() throws {
    let text = #""\u00e9\u4E2D\uD83D\uDE00 \n\t\r\b\f\"\\\/ \u0000""#
    #expect(try JSONParser.parse(text) == .string("é中😀 \n\t\r\u{8}\u{C}\"\\/ \u{0}"))
    #expect(try JSONParser.parse(#"{"caf\u00e9": "ok"}"#).objectValue?["café"] == .string("ok"))
  }

  @Test("a leading byte order mark is skipped") func byteOrderMarkIsSkipped() throws {
    #expect(try JSONParser.parse("\u{FEFF} {}") == .object([:]))
    #expect(try JSONParser.parse(data: [0xEF, 0xBB, 0xBF, UInt8(ascii: "1")]) == .number("1"))
    #expect(parseError(data: [0xEF, 0xBB, 0xBF]) == JSONParseError(line: 1, column: 1, reason: "empty file"))
  }

  @Test("object keys keep file order and members are found by key") func objectKeysKeepFileOrder() throws {
    let object = try #require(try JSONParser.parse(#"{"b": 1, "a": [true, null], "c": {}}"#).objectValue)
    #expect(object.keys == ["b", "a", "c"])
    #expect(object["a"] == .array([.bool(true), .null]))
    #expect(object["missing"] == nil)
    #expect(object.count == 3)
    #expect(object == JSONObject([("c", .object([:])), ("b", 1), ("a", [true, .null])]))
  }

  @Test("type names and accessors describe each kind of value") func typeNamesAndAccessors() {
    let values: [JSONValue] = [.null, true, 1, "s", [], [:]]
    #expect(values.map(\.typeName) == ["null", "boolean", "number", "string", "array", "object"])
    #expect(values.map { $0.boolValue != nil } == [false, true, false, false, false, false])
    #expect(values.map { $0.doubleValue != nil } == [false, false, true, false, false, false])
    #expect(values.map { $0.stringValue != nil } == [false, false, false, true, false, false])
    #expect(values.map { $0.arrayValue != nil } == [false, false, false, false, true, false])
    #expect(values.map { $0.objectValue != nil } == [false, false, false, false, false, true])
  }

  @Test("a multi-megabyte document parses") func multiMegabyteDocumentParses() throws {
    var text = "["
    for k in 0..<100_000 {
      text += #"{"x": \#(k).25, "name": "point \#(k)"},"#
    }
    text += "null]"
    #expect(text.utf8.count > 3_000_000)
    let elements = try #require(try JSONParser.parse(text).arrayValue)
    #expect(elements.count == 100_001)
    #expect(elements[99_999].objectValue?["x"] == .number("99999.25"))
  }

  // MARK: Writing

  @Test("the writer sorts keys by bytes and indents by two spaces") func writerSortsKeysAndIndents() {
    let value: JSONValue = ["b": [1, "x"], "a": [:], "B": [], "é": .null, "c": ["z": false, "y": 2.5]]
    #expect(JSONWriter.write(value) == """
      {
        "B": [],
        "a": {},
        "b": [
          1,
          "x"
        ],
        "c": {
          "y": 2.5,
          "z": false
        },
        "é": null
      }

      """)
    #expect(JSONWriter.write(value, pretty: false) == #"{"B":[],"a":{},"b":[1,"x"],"c":{"y":2.5,"z":false},"é":null}"# + "\n")
  }

  @Test("the writer escapes quotes, backslashes and control characters") func writerEscapesStrings() {
    let value = JSONValue.string("q\"b\\ n\n t\t \u{1}\u{1F}\u{7F} é/")
    #expect(JSONWriter.write(value, pretty: false) == #""q\"b\\ n\n t\t \u0001\u001f\#u{7F} é/""# + "\n")
  }

  @Test("doubles are written in shortest round-trip form, integers without a fraction")
  func doublesAreWrittenShortest() {
    let cases: [(Double, JSONValue)] = [
      (3.0, .number("3")), (-42, .number("-42")), (0.1, .number("0.1")), (-0.0, .number("-0")),
      (1e-5, .number("1e-05")), (1e300, .number("1e+300")), (0x1p53, .number("9007199254740992.0")),
      (.nan, .null), (.infinity, .null), (-.infinity, .null),
    ]
    for (double, expected) in cases {
      #expect(JSONValue.number(double) == expected)
    }
    #expect(JSONValue.number(Int.min) == .number("-9223372036854775808"))

    var generator = SeededGenerator(seed: propertyTestSeed)
    for _ in 0..<1_000 {
      let d = Double(bitPattern: generator.next())
      guard d.isFinite else { continue }
      let written = JSONValue.number(d)
      #expect(written.doubleValue == d)
      #expect((try? JSONParser.parse(JSONWriter.write(written))) == written)
    }
  }

  @Test("random documents round-trip through the writer and the parser")
  func randomDocumentsRoundTrip() throws {
    var generator = SeededGenerator(seed: propertyTestSeed)
    for _ in 0..<300 {
      let value = randomJSON(depth: 4, using: &generator)
      for pretty in [true, false] {
        let text = JSONWriter.write(value, pretty: pretty)
        let parsed = try JSONParser.parse(text)
        #expect(parsed == value)
        #expect(JSONWriter.write(parsed, pretty: pretty) == text)
      }
    }
  }
}

/// A random JSON tree at most `depth` containers deep, with awkward strings and keys.
private func randomJSON(depth: Int, using generator: inout SeededGenerator) -> JSONValue {
  let kind = generator.nextInt(below: depth > 0 ? 7 : 5)
  switch kind {
  case 0: return .null
  case 1: return .bool(generator.nextInt(below: 2) == 0)
  case 2:
    let numbers = ["0", "-0", "1", "-17", "0.1", "1e-3", "2.5E+10", "123456789012345678901234567890", "-0.000e-0"]
    return generator.nextInt(below: 2) == 0
      ? .number(numbers[generator.nextInt(below: numbers.count)])
      : .number(generator.nextDouble(in: -1e6, 1e6))
  case 3, 4: return .string(randomString(using: &generator))
  case 5:
    return .array((0..<generator.nextInt(below: 5)).map { _ in randomJSON(depth: depth - 1, using: &generator) })
  default:
    var pairs: [(String, JSONValue)] = []
    var seen: Set<String> = []
    for _ in 0..<generator.nextInt(below: 5) {
      let key = randomString(using: &generator)
      if seen.insert(key).inserted { pairs.append((key, randomJSON(depth: depth - 1, using: &generator))) }
    }
    return .object(JSONObject(pairs))
  }
}

private func randomString(using generator: inout SeededGenerator) -> String {
  let pieces = ["a", "Z", " ", "\"", "\\", "/", "\n", "\t", "\u{0}", "\u{1F}", "\u{7F}", "é", "中", "😀", ",", "{", "]"]
  return (0..<generator.nextInt(below: 6)).map { _ in pieces[generator.nextInt(below: pieces.count)] }.joined()
}

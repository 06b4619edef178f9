//// Why a JSON text was rejected, and where.
public typealias JSONParseError = TextParseError

/// A strict RFC 8259 JSON reader that keeps each number's literal text.
///
/// Guarantees:
/// - Strict grammar: no trailing commas, comments, single quotes, unquoted keys, leading
///   zeros, `NaN` or `Infinity`; exactly one top-level value. A leading UTF-8 byte order
///   mark is skipped. Empty (or all-whitespace) input is the error "empty file".
/// - Invalid UTF-8 anywhere, an unescaped control character in a string, and a lone
///   surrogate in a `\u` escape are errors. Escaped surrogate pairs decode to one scalar.
/// - A key repeated within one object is an error naming the key.
/// - Nesting deeper than `maxDepth` arrays and objects is an error, never a stack overflow:
///   the parser keeps its own stack and does not recurse.
/// - Time is linear in the input length; the parser works on UTF-8 bytes.
/// - Errors carry the line and column of the offending character (for an unterminated
///   string, its opening quote; for a trailing comma, the comma).
public enum JSONParser {
  /// Parses `text` as one JSON value.
  public static func parse(_ text: String, maxDepth: Int = 256) throws(JSONParseError) -> JSONValue {
    var text = text
    return try text.withUTF8 { bytes in
      var parser = Parser(bytes: bytes, maxDepth: maxDepth)
      return Result { () throws(JSONParseError) in try parser.parseDocument() }
    }.get()
  }

  /// Parses UTF-8 `data` as one JSON value; invalid UTF-8 is an error at the offending byte.
  public static func parse(data: [UInt8], maxDepth: Int = 256) throws(JSONParseError) -> JSONValue {
    try data.withUnsafeBufferPointer { bytes in
      var parser = Parser(bytes: bytes, maxDepth: maxDepth)
      return Result { () throws(JSONParseError) in try parser.parseDocument() }
    }.get()
  }
}

/// An open array or object on the parser's explicit stack.
private struct Frame {
  let isObject: Bool
  var elements: [JSONValue] = []
  var keys: [String] = []
  var members: [String: JSONValue] = [:]
  var pendingKey = ""
}

private enum Byte {
  static let quote = UInt8(ascii: "\""), backslash = UInt8(ascii: "\\"), slash = UInt8(ascii: "/")
  static let comma = UInt8(ascii: ","), colon = UInt8(ascii: ":")
  static let openBrace = UInt8(ascii: "{"), closeBrace = UInt8(ascii: "}")
  static let openBracket = UInt8(ascii: "["), closeBracket = UInt8(ascii: "]")
  static let minus = UInt8(ascii: "-"), plus = UInt8(ascii: "+"), dot = UInt8(ascii: ".")
  static let zero = UInt8(ascii: "0"), nine = UInt8(ascii: "9")
  static let space = UInt8(ascii: " "), tab = UInt8(ascii: "\t")
  static let lineFeed = UInt8(ascii: "\n"), carriageReturn = UInt8(ascii: "\r")
}

private struct Parser {
  let bytes: UnsafeBufferPointer<UInt8>
  let maxDepth: Int
  /// Where the text proper starts: 3 after a byte order mark, else 0.
  let textStart: Int
  var i: Int

  init(bytes: UnsafeBufferPointer<UInt8>, maxDepth: Int) {
    precondition(maxDepth >= 0, "maxDepth must be non-negative, got \(maxDepth)")
    self.bytes = bytes
    self.maxDepth = maxDepth
    let hasBOM = bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF
    textStart = hasBOM ? 3 : 0
    i = textStart
  }

  mutating func parseDocument() throws(JSONParseError) -> JSONValue {
    skipWhitespace()
    guard i < bytes.count else { throw error(at: textStart, "empty file") }
    var stack: [Frame] = []
    nextValue: while true {
      // A value starts at `i` (whitespace already skipped).
      guard i < bytes.count else { throw error(at: i, "expected a value, found end of file") }
      var value: JSONValue
      switch bytes[i] {
      case Byte.openBrace:
        guard stack.count < maxDepth else { throw error(at: i, "nesting deeper than \(maxDepth) levels") }
        i += 1
        skipWhitespace()
        if peek == Byte.closeBrace {
          i += 1
          value = .object(JSONObject(keys: [], members: [:]))
        } else {
          var frame = Frame(isObject: true)
          frame.pendingKey = try parseKey(existing: frame.members)
          stack.append(frame)
          continue nextValue
        }
      case Byte.openBracket:
        guard stack.count < maxDepth else { throw error(at: i, "nesting deeper than \(maxDepth) levels") }
        i += 1
        skipWhitespace()
        if peek == Byte.closeBracket {
          i += 1
          value = .array([])
        } else {
          stack.append(Frame(isObject: false))
          continue nextValue
        }
      case Byte.quote: value = .string(try parseString())
      case UInt8(ascii: "t"): try parseLiteral("true"); value = .bool(true)
      case UInt8(ascii: "f"): try parseLiteral("false"); value = .bool(false)
      case UInt8(ascii: "n"): try parseLiteral("null"); value = .null
      case Byte.minus, Byte.zero...Byte.nine: value = .number(try parseNumber())
      default: throw error(at: i, "expected a value, found \(describe(at: i))")
      }
      // `value` is complete: attach it to the innermost open container, closing containers
      // as long as their closing bracket follows.
      while let top = stack.indices.last {
        skipWhitespace()
        if stack[top].isObject {
          let key = stack[top].pendingKey
          stack[top].keys.append(key)
          stack[top].members[key] = value
          if peek == Byte.comma {
            let comma = i
            i += 1
            skipWhitespace()
            if peek == Byte.closeBrace { throw error(at: comma, "trailing comma before '}'") }
            stack[top].pendingKey = try parseKey(existing: stack[top].members)
            continue nextValue
          }
          guard peek == Byte.closeBrace else {
            throw error(at: i, "expected ',' or '}' after an object member")
          }
          i += 1
          let frame = stack.removeLast()
          value = .object(JSONObject(keys: frame.keys, members: frame.members))
        } else {
          stack[top].elements.append(value)
          if peek == Byte.comma {
            let comma = i
            i += 1
            skipWhitespace()
            if peek == Byte.closeBracket { throw error(at: comma, "trailing comma before ']'") }
            continue nextValue
          }
          guard peek == Byte.closeBracket else {
            throw error(at: i, "expected ',' or ']' after an array element")
          }
          i += 1
          value = .array(stack.removeLast().elements)
        }
      }
      skipWhitespace()
      guard i == bytes.count else {
        throw error(at: i, "unexpected \(describe(at: i)) after the top-level value")
      }
      return value
    }
  }

  /// The byte at `i`, or nil at the end of the input.
  private var peek: UInt8? { i < bytes.count ? bytes[i] : nil }

  private mutating func skipWhitespace() {
    while i < bytes.count {
      switch bytes[i] {
      case Byte.space, Byte.tab, Byte.lineFeed, Byte.carriageReturn: i += 1
      default: return
      }
    }
  }

  /// Reads `"key" :` and the whitespace after it; `existing` holds the object's earlier keys.
  private mutating func parseKey(existing: [String: JSONValue]) throws(JSONParseError) -> String {
    guard peek == Byte.quote else {
      throw error(at: i, "expected a string key, found \(describe(at: i))")
    }
    let start = i
    let key = try parseString()
    if existing[key] != nil { throw error(at: start, "duplicate key \"\(key)\" in an object") }
    skipWhitespace()
    guard peek == Byte.colon else { throw error(at: i, "expected ':' after an object key") }
    i += 1
    skipWhitespace()
    return key
  }

  private mutating func parseLiteral(_ word: StaticString) throws(JSONParseError) {
    let count = word.utf8CodeUnitCount
    let matches = i + count <= bytes.count
      && (0..<count).allSatisfy { bytes[i + $0] == word.utf8Start[$0] }
    guard matches else { throw error(at: i, "invalid literal, expected '\(word)'") }
    i += count
  }

  /// Reads a number per the RFC 8259 grammar and returns its text.
  private mutating func parseNumber() throws(JSONParseError) -> String {
    let start = i
    if peek == Byte.minus { i += 1 }
    guard isDigit(peek) else { throw error(at: i, "invalid number: expected a digit after '-'") }
    if bytes[i] == Byte.zero {
      i += 1
      if isDigit(peek) { throw error(at: start, "invalid number: leading zeros are not allowed") }
    } else {
      skipDigits()
    }
    if peek == Byte.dot {
      i += 1
      guard isDigit(peek) else { throw error(at: i, "invalid number: expected a digit after '.'") }
      skipDigits()
    }
    if peek == UInt8(ascii: "e") || peek == UInt8(ascii: "E") {
      i += 1
      if peek == Byte.plus || peek == Byte.minus { i += 1 }
      guard isDigit(peek) else { throw error(at: i, "invalid number: expected a digit in the exponent") }
      skipDigits()
    }
    return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self)
  }

  private func isDigit(_ byte: UInt8?) -> Bool {
    guard let byte else { return false }
    return byte >= Byte.zero && byte <= Byte.nine
  }

  private mutating func skipDigits() {
    while isDigit(peek) { i += 1 }
  }

  /// Reads a string starting at its opening quote. Strings without escapes are sliced
  /// directly; the first backslash switches to building the bytes in a buffer.
  private mutating func parseString() throws(JSONParseError) -> String {
    let open = i
    i += 1
    let start = i
    while i < bytes.count {
      let byte = bytes[i]
      if byte == Byte.quote {
        i += 1
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<(i - 1)]), as: UTF8.self)
      }
      if byte == Byte.backslash { break }
      i += try scalarLength(at: i)
    }
    var buffer = Array(bytes[start..<i])
    while i < bytes.count {
      let byte = bytes[i]
      if byte == Byte.quote {
        i += 1
        return String(decoding: buffer, as: UTF8.self)
      }
      if byte == Byte.backslash {
        try appendEscape(to: &buffer)
      } else {
        let length = try scalarLength(at: i)
        buffer.append(contentsOf: bytes[i..<(i + length)])
        i += length
      }
    }
    throw error(at: open, "unterminated string")
  }

  /// The length of the valid, non-control UTF-8 scalar at `at`, which is inside a string.
  private func scalarLength(at index: Int) throws(JSONParseError) -> Int {
    let byte = bytes[index]
    if byte >= 0x20 && byte < 0x80 { return 1 }
    if byte < 0x20 {
      throw error(at: index, "control character \(scalarName(UInt32(byte))) in a string must be escaped")
    }
    guard let length = validUTF8Length(at: index) else {
      throw error(at: index, "invalid UTF-8 byte \(hexByte(byte))")
    }
    return length
  }

  /// The length of the well-formed UTF-8 sequence at `index` (RFC 3629: no overlongs, no
  /// surrogates, nothing above U+10FFFF), or nil.
  private func validUTF8Length(at index: Int) -> Int? {
    let lead = bytes[index]
    let length: Int
    var low: UInt8 = 0x80, high: UInt8 = 0xBF  // the range of the second byte
    switch lead {
    case 0x00...0x7F: return 1
    case 0xC2...0xDF: length = 2
    case 0xE0: length = 3; low = 0xA0
    case 0xE1...0xEC, 0xEE...0xEF: length = 3
    case 0xED: length = 3; high = 0x9F
    case 0xF0: length = 4; low = 0x90
    case 0xF1...0xF3: length = 4
    case 0xF4: length = 4; high = 0x8F
    default: return nil
    }
    guard index + length <= bytes.count else { return nil }
    guard bytes[index + 1] >= low && bytes[index + 1] <= high else { return nil }
    for k in 2..<length where bytes[index + k] & 0xC0 != 0x80 { return nil }
    return length
  }

  /// Decodes the escape at `i` (a backslash) into `buffer` as UTF-8.
  private mutating func appendEscape(to buffer: inout [UInt8]) throws(JSONParseError) {
    let backslash = i
    guard i + 1 < bytes.count else { throw error(at: backslash, "unterminated string") }
    let simple: UInt8
    switch bytes[i + 1] {
    case Byte.quote: simple = Byte.quote
    case Byte.backslash: simple = Byte.backslash
    case Byte.slash: simple = Byte.slash
    case UInt8(ascii: "b"): simple = 0x08
    case UInt8(ascii: "f"): simple = 0x0C
    case UInt8(ascii: "n"): simple = Byte.lineFeed
    case UInt8(ascii: "r"): simple = Byte.carriageReturn
    case UInt8(ascii: "t"): simple = Byte.tab
    case UInt8(ascii: "u"):
      let unit = try hexQuad(at: i + 2, escape: backslash)
      i += 6
      var scalar = UInt32(unit)
      switch unit {
      case 0xD800...0xDBFF:
        let hasLow = i + 1 < bytes.count && bytes[i] == Byte.backslash && bytes[i + 1] == UInt8(ascii: "u")
        let low = hasLow ? try hexQuad(at: i + 2, escape: i) : 0
        guard (0xDC00...0xDFFF).contains(low) else {
          throw error(at: backslash, "lone high surrogate \(escapeName(unit)) without a following low surrogate")
        }
        i += 6
        scalar = 0x10000 + ((UInt32(unit) - 0xD800) << 10) + (UInt32(low) - 0xDC00)
      case 0xDC00...0xDFFF:
        throw error(at: backslash, "lone low surrogate \(escapeName(unit))")
      default:
        break
      }
      buffer.append(contentsOf: Unicode.UTF8.encode(Unicode.Scalar(scalar)!)!)
      return
    default:
      throw error(at: backslash, "invalid escape '\\' followed by \(describe(at: i + 1))")
    }
    buffer.append(simple)
    i += 2
  }

  /// The four hex digits at `index`, part of the `\u` escape at `escape`.
  private func hexQuad(at index: Int, escape: Int) throws(JSONParseError) -> UInt16 {
    var value: UInt16 = 0
    guard index + 4 <= bytes.count else {
      throw error(at: escape, "invalid \\u escape: expected 4 hex digits")
    }
    for k in index..<(index + 4) {
      let digit: UInt8
      switch bytes[k] {
      case Byte.zero...Byte.nine: digit = bytes[k] - Byte.zero
      case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = bytes[k] - UInt8(ascii: "a") + 10
      case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = bytes[k] - UInt8(ascii: "A") + 10
      default: throw error(at: escape, "invalid \\u escape: expected 4 hex digits")
      }
      value = value << 4 | UInt16(digit)
    }
    return value
  }

  // MARK: Messages

  /// What is at `index`, for messages: "'x'", "U+0000", "end of file", "invalid UTF-8 byte 0xFF".
  private func describe(at index: Int) -> String {
    guard index < bytes.count else { return "end of file" }
    let byte = bytes[index]
    if byte > 0x20 && byte < 0x7F { return "'\(Character(Unicode.Scalar(byte)))'" }
    if byte < 0x80 { return scalarName(UInt32(byte)) }
    guard let length = validUTF8Length(at: index) else { return "invalid UTF-8 byte \(hexByte(byte))" }
    let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[index..<(index + length)]), as: UTF8.self)
    return "'\(text)' (\(scalarName(text.unicodeScalars.first!.value)))"
  }

  private func scalarName(_ value: UInt32) -> String {
    let hex = String(value, radix: 16, uppercase: true)
    return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
  }

  private func escapeName(_ unit: UInt16) -> String {
    "\\u" + String(unit, radix: 16, uppercase: true)
  }

  private func hexByte(_ byte: UInt8) -> String {
    let hex = String(byte, radix: 16, uppercase: true)
    return "0x" + (hex.count == 1 ? "0" : "") + hex
  }

  /// An error at byte `offset`, with its line and column. A line ends at LF, CRLF or a lone
  /// CR; the column counts scalars (UTF-8 lead bytes) from the line's start.
  private func error(at offset: Int, _ reason: String) -> JSONParseError {
    var line = 1
    var lineStart = textStart
    var k = textStart
    while k < offset {
      let byte = bytes[k]
      let crAlone = byte == Byte.carriageReturn && (k + 1 >= bytes.count || bytes[k + 1] != Byte.lineFeed)
      if byte == Byte.lineFeed || crAlone {
        line += 1
        lineStart = k + 1
      }
      k += 1
    }
    let column = 1 + bytes[lineStart..<offset].count { $0 & 0xC0 != 0x80 }
    return JSONParseError(line: line, column: column, reason: reason)
  }
}

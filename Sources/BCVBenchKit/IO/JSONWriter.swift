/// Deterministic JSON output: the same value always gives the same bytes.
///
/// Guarantees:
/// - Object keys are written sorted by their UTF-8 bytes, whatever order they were built in.
/// - Numbers are written as their stored text; strings are escaped per RFC 8259: `"` and `\`
///   escaped, `\b \f \n \r \t` as two-character escapes, other control characters as
///   `\u00XX` (lowercase hex), everything else (including non-ASCII) written as is.
/// - Pretty output indents by two spaces, one member or element per line, `"key": value`,
///   and empty containers as `{}` and `[]`; compact output has no whitespace at all.
///   Both end with a single newline.
/// - `JSONParser.parse(JSONWriter.write(v)) == v` for every value whose numbers hold valid
///   JSON number text.
public enum JSONWriter {
  public static func write(_ value: JSONValue, pretty: Bool = true) -> String {
    var output: [UInt8] = []
    append(value, to: &output, indent: pretty ? 0 : nil)
    output.append(UInt8(ascii: "\n"))
    return String(decoding: output, as: UTF8.self)
  }

  /// Appends `value`; `indent` is the current depth when pretty, nil when compact.
  /// Recursion depth is the value's nesting depth.
  private static func append(_ value: JSONValue, to output: inout [UInt8], indent: Int?) {
    switch value {
    case .null: output.append(contentsOf: "null".utf8)
    case .bool(let b): output.append(contentsOf: (b ? "true" : "false").utf8)
    case .number(let text): output.append(contentsOf: text.utf8)
    case .string(let s): appendString(s, to: &output)
    case .array(let elements):
      appendContainer(open: "[", close: "]", count: elements.count, to: &output, indent: indent) {
        k, output, inner in append(elements[k], to: &output, indent: inner)
      }
    case .object(let object):
      let keys = object.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
      appendContainer(open: "{", close: "}", count: keys.count, to: &output, indent: indent) {
        k, output, inner in
        appendString(keys[k], to: &output)
        output.append(UInt8(ascii: ":"))
        if inner != nil { output.append(UInt8(ascii: " ")) }
        append(object[keys[k]]!, to: &output, indent: inner)
      }
    }
  }

  private static func appendContainer(
    open: Unicode.Scalar, close: Unicode.Scalar, count: Int, to output: inout [UInt8], indent: Int?,
    item: (Int, inout [UInt8], Int?) -> Void
  ) {
    output.append(UInt8(ascii: open))
    guard count > 0 else {
      output.append(UInt8(ascii: close))
      return
    }
    let inner = indent.map { $0 + 1 }
    for k in 0..<count {
      if k > 0 { output.append(UInt8(ascii: ",")) }
      newline(to: &output, indent: inner)
      item(k, &output, inner)
    }
    newline(to: &output, indent: indent)
    output.append(UInt8(ascii: close))
  }

  private static func newline(to output: inout [UInt8], indent: Int?) {
    guard let indent else { return }
    output.append(UInt8(ascii: "\n"))
    output.append(contentsOf: repeatElement(UInt8(ascii: " "), count: 2 * indent))
  }

  private static let hexDigits = Array("0123456789abcdef".utf8)

  private static func appendString(_ s: String, to output: inout [UInt8]) {
    output.append(UInt8(ascii: "\""))
    for byte in s.utf8 {
      switch byte {
      case UInt8(ascii: "\""): output.append(contentsOf: #"\""#.utf8)
      case UInt8(ascii: "\\"): output.append(contentsOf: #"\\"#.utf8)
      case 0x08: output.append(contentsOf: #"\b"#.utf8)
      case 0x0C: output.append(contentsOf: #"\f"#.utf8)
      case UInt8(ascii: "\n"): output.append(contentsOf: #"\n"#.utf8)
      case UInt8(ascii: "\r"): output.append(contentsOf: #"\r"#.utf8)
      case UInt8(ascii: "\t"): output.append(contentsOf: #"\t"#.utf8)
      case 0x00..<0x20:
        output.append(contentsOf: #"\u00"#.utf8)
        output.append(hexDigits[Int(byte >> 4)])
        output.append(hexDigits[Int(byte & 0xF)])
      default: output.append(byte)
      }
    }
    output.append(UInt8(ascii: "\""))
  }
}

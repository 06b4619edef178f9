/// A table to be written as CSV (RFC 4180): a header line, then one line per row.
///
/// Guarantees of `render()`:
/// - A field is quoted exactly when it contains a comma, a double quote, CR or LF (quotes
///   inside are doubled), or when it is the only field of its line and empty (so that no
///   line is blank); every other field is written as is.
/// - Every line, the last included, ends with "\n".
/// - `CSVReader.parse(table.render()) == [table.header] + table.rows`.
public struct CSVTable: Sendable {
  public let header: [String]
  /// The data rows; each must have as many fields as the header when rendered.
  public var rows: [[String]]

  /// A table with this header and these rows. Preconditions: the header is not empty, and
  /// every row has the header's field count.
  public init(header: [String], rows: [[String]] = []) {
    precondition(!header.isEmpty, "a CSV table needs at least one column")
    self.header = header
    self.rows = rows
    for (index, row) in rows.enumerated() { checkFieldCount(row, index: index) }
  }

  /// Appends a row. Precondition: it has the header's field count.
  public mutating func append(_ row: [String]) {
    checkFieldCount(row, index: rows.count)
    rows.append(row)
  }

  /// The CSV text. Precondition: every row has the header's field count.
  public func render() -> String {
    var output = ""
    appendLine(header, to: &output)
    for (index, row) in rows.enumerated() {
      checkFieldCount(row, index: index)
      appendLine(row, to: &output)
    }
    return output
  }

  /// Stops with the counts unless the data row at `index` (0-based) fits the header.
  private func checkFieldCount(_ row: [String], index: Int) {
    precondition(
      row.count == header.count,
      "CSV row \(index + 1) has \(row.count) fields but the header has \(header.count)")
  }

  private func appendLine(_ fields: [String], to output: inout String) {
    for (index, field) in fields.enumerated() {
      if index > 0 { output.append(",") }
      let needsQuotes = field.utf8.contains { byte in
        byte == UInt8(ascii: ",") || byte == UInt8(ascii: "\"")
          || byte == UInt8(ascii: "\r") || byte == UInt8(ascii: "\n")
      }
      if needsQuotes {
        output.append("\"")
        output.append(field.replacing("\"", with: "\"\""))
        output.append("\"")
      } else if field.isEmpty && fields.count == 1 {
        output.append("\"\"")
      } else {
        output.append(field)
      }
    }
    output.append("\n")
  }
}

/// Why a CSV text was rejected, and where.
public typealias CSVParseError = TextParseError

/// Reads CSV (RFC 4180), the inverse of `CSVTable.render()`.
///
/// Records end at LF, CRLF or a lone CR; a line break at the very end does not start
/// another record, and empty text has no records. A blank line is a record of one empty
/// field. Quoted fields may contain commas, line breaks and doubled quotes. A quote inside
/// an unquoted field, text after a closing quote, and an unterminated quoted field are
/// errors. Records are returned as read: their field counts are not compared.
public enum CSVReader {
  public static func parse(_ text: String) throws(CSVParseError) -> [[String]] {
    let scalars = Array(text.unicodeScalars)
    var records: [[String]] = []
    var record: [String] = []
    var line = 1, lineStart = 0
    var k = 0

    /// The length of the line break at `index` (2 for CRLF), or 0 if there is none.
    func lineBreakLength(at index: Int) -> Int {
      guard index < scalars.count else { return 0 }
      if scalars[index] == "\n" { return 1 }
      guard scalars[index] == "\r" else { return 0 }
      return index + 1 < scalars.count && scalars[index + 1] == "\n" ? 2 : 1
    }

    while k < scalars.count {
      // A field starts at `k`.
      var field = String.UnicodeScalarView()
      if scalars[k] == "\"" {
        let open = CSVParseError(line: line, column: k - lineStart + 1, reason: "unterminated quoted field")
        k += 1
        while true {
          guard k < scalars.count else { throw open }
          if scalars[k] == "\"" {
            guard k + 1 < scalars.count && scalars[k + 1] == "\"" else { break }
            field.append("\"")
            k += 2
          } else if case let length = lineBreakLength(at: k), length > 0 {
            field.append(contentsOf: scalars[k..<(k + length)])
            k += length
            line += 1
            lineStart = k
          } else {
            field.append(scalars[k])
            k += 1
          }
        }
        k += 1
        guard k == scalars.count || scalars[k] == "," || lineBreakLength(at: k) > 0 else {
          throw CSVParseError(
            line: line, column: k - lineStart + 1,
            reason: "unexpected '\(scalars[k].escaped(asASCII: false))' after a closing quote")
        }
      } else {
        while k < scalars.count && scalars[k] != "," && lineBreakLength(at: k) == 0 {
          if scalars[k] == "\"" {
            throw CSVParseError(
              line: line, column: k - lineStart + 1, reason: "quote inside an unquoted field")
          }
          field.append(scalars[k])
          k += 1
        }
      }
      record.append(String(field))
      if k < scalars.count && scalars[k] == "," {
        k += 1
        if k == scalars.count { record.append("") }
      } else {
        k += lineBreakLength(at: k)
        line += 1
        lineStart = k
        records.append(record)
        record = []
      }
    }
    if !record.isEmpty { records.append(record) }
    return records
  }
}

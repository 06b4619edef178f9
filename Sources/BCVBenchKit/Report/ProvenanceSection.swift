/// Where the run came from, read from the results' metadata: commit, build, toolchain,
/// machine, suite, corpus and matrix. Known keys come first in a fixed order, any others
/// after them sorted by name; nested values are written on one line.
enum ProvenanceSection {
  static let knownKeys = ["commit", "build", "swift", "os", "machine", "cores", "suite", "corpusHash", "cases", "seed",
                          "timeLimit", "confidence", "matrix"]

  static func build(_ results: RunResults, _ data: ReportDataset) -> ReportPart {
    var pairs: [(String, String)] = []
    if let object = results.metadata.objectValue {
      let others = object.keys.filter { !knownKeys.contains($0) }.sorted(by: ReportFormat.byteOrder)
      for key in knownKeys + others {
        if let value = object[key] { pairs.append((key, text(value))) }
      }
    }
    pairs.append(("jobs", "\(data.records.count) (\(data.cases.count) cases × \(data.strategies.count) strategies)"))
    var body = ""
    if results.metadata.objectValue == nil {
      body += HTML.paragraph("The results carry no run metadata.", "empty")
    }
    body += HTML.definitions(pairs)
    return ReportPart(section: ReportSection(id: "provenance", title: "Run provenance", body: body))
  }

  /// A JSON value on one line: strings bare, numbers as written, null as "–", arrays
  /// comma-separated, objects as "key: value" pairs separated by semicolons (key order kept).
  static func text(_ value: JSONValue) -> String {
    switch value {
    case .null: "–"
    case .bool(let b): b ? "true" : "false"
    case .number(let n): n
    case .string(let s): s
    case .array(let items): items.map(text).joined(separator: ", ")
    case .object(let o): o.keys.map { "\($0): \(text(o[$0]!))" }.joined(separator: "; ")
    }
  }
}

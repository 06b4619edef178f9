/// Where the run came from, read from the results' metadata: commit, build, toolchain,
/// machine, suite, corpus and matrix.
///
/// The members of a nested `machineClass` object are shown as if they were top-level
/// (build, swift, os, machine, cores). Known keys come first in a fixed order, any others
/// after them sorted by name; nested values are written on one line; long lists are cut.
enum ProvenanceSection {
  static let knownKeys = ["commit", "build", "swift", "os", "machine", "cores", "suite", "suiteFile", "corpusPaths",
                          "corpusHash", "cases", "caseIDs", "seed", "timeLimit", "budget", "confidence", "shard", "matrix"]
  static let listLimit = 20

  /// The metadata's members with `machineClass` flattened into them (top-level keys win),
  /// in display order.
  static func fields(_ metadata: JSONValue) -> [(key: String, value: JSONValue)] {
    guard let object = metadata.objectValue else { return [] }
    var members: [String: JSONValue] = [:]
    if let machine = object["machineClass"]?.objectValue {
      for key in machine.keys { members[key] = machine[key] }
    }
    for key in object.keys where key != "machineClass" { members[key] = object[key] }
    let others = members.keys.filter { !knownKeys.contains($0) }.sorted(by: ReportFormat.byteOrder)
    return (knownKeys + others).compactMap { key in members[key].map { (key, $0) } }
  }

  /// The machine's core count, when the metadata records it.
  static func cores(_ metadata: JSONValue) -> Int? {
    fields(metadata).first { $0.key == "cores" }?.value.intValue
  }

  static func build(_ results: RunResults, _ data: ReportDataset) -> ReportPart {
    var pairs = fields(results.metadata).map { ($0.key, text($0.value)) }
    pairs.append(("jobs", "\(data.records.count) (\(data.cases.count) cases × \(data.strategies.count) strategies)"))
    var body = ""
    if results.metadata.objectValue == nil {
      body += HTML.paragraph("The results carry no run metadata.", "empty")
    }
    body += HTML.definitions(pairs)
    return ReportPart(section: ReportSection(id: "provenance", title: "Run provenance", body: body))
  }

  /// A JSON value on one line: strings bare, numbers as written, null as "–", arrays
  /// comma-separated (cut after `listLimit` items, with the total stated), objects as
  /// "key: value" pairs separated by semicolons (key order kept).
  static func text(_ value: JSONValue) -> String {
    switch value {
    case .null: "–"
    case .bool(let b): b ? "true" : "false"
    case .number(let n): n
    case .string(let s): s
    case .array(let items):
      items.prefix(listLimit).map(text).joined(separator: ", ")
        + (items.count > listLimit ? ", … (\(items.count) in all)" : "")
    case .object(let o): o.keys.map { "\($0): \(text(o[$0]!))" }.joined(separator: "; ")
    }
  }
}

import BCVPlatform

/// The run journal (`journal.jsonl` in the output folder): one line per finished job,
/// appended through `AppendingFile` — written to the file (one `write(2)`, so in the
/// kernel's hands) before the next job starts, so `kill -9` at any moment loses at most the
/// job in flight, and `fsync`ed at least once a second and on close, so even a power cut
/// loses at most a second of jobs without paying a disk flush for every sub-millisecond job.
/// `--resume` reads it back and skips the jobs it holds.
///
/// The first line names the run (a hash of everything that determines its jobs); a journal
/// from another run is refused. A last line without its newline is a write cut short by the
/// kill and is dropped; any other unreadable line is reported as a corrupt journal.
public final class Journal: @unchecked Sendable {
  public static let format = "bcv-journal/1"
  public let path: String
  private let file: AppendingFile

  /// Opens the journal for appending; `fresh` truncates it and writes the header.
  public init(path: String, runIdentity: String, fresh: Bool) throws(FileError) {
    self.path = path
    file = try AppendingFile(path: path, truncate: fresh, syncInterval: 1)
    if fresh {
      try append(.object(JSONObject([("journal", .string(Self.format)), ("run", .string(runIdentity))])))
    }
  }

  /// Appends one line (one `write(2)`; synced if the last sync is a second old).
  public func append(_ value: JSONValue) throws(FileError) {
    try file.append(JSONWriter.write(value, pretty: false).trimmed + "\n")
  }

  public func record(index: Int, _ record: JobRecord) throws(FileError) {
    try append(.object(JSONObject([("index", .number(index)), ("record", ResultsWriter.recordJSON(record))])))
  }

  /// The finished jobs of an existing journal, by job index. Throws an `InputError` naming
  /// the file for a journal of another run or a corrupt line.
  public static func read(_ path: String, runIdentity: String) throws(InputError) -> [Int: JobRecord] {
    guard Platform.fileExists(path) else { return [:] }
    let text: String
    do { text = try AtomicFile.readText(path, maxBytes: 1 << 30) } catch { throw InputError(file: path, "\(error)") }
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    if lines.last == "" { lines.removeLast() } else if !lines.isEmpty { lines.removeLast() }  // cut short by a kill
    guard let header = lines.first else { return [:] }
    guard let h = try? JSONParser.parse(header).objectValue, h["journal"]?.stringValue == format else {
      throw InputError(file: path, line: 1, column: 1, "not a run journal")
    }
    guard h["run"]?.stringValue == runIdentity else {
      throw InputError(file: path, line: 1, column: 1, "the journal belongs to a different run (other corpus, selection or matrix); remove it or drop --resume")
    }
    var done: [Int: JobRecord] = [:]
    for (n, line) in lines.enumerated().dropFirst() {
      guard let o = try? JSONParser.parse(line).objectValue, let index = o["index"]?.intValue, let r = o["record"] else {
        throw InputError(file: path, line: n + 1, column: 1, "corrupt journal line")
      }
      done[index] = try ResultsReader.record(r, key: "line \(n + 1)", file: path)
    }
    return done
  }
}

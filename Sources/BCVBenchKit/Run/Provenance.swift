import BCVPlatform
import BCVValidation

/// Where a run's results came from: code, build, toolchain, machine, inputs and settings.
/// Deterministic for a given checkout, machine and command (no clock readings), so two
/// runs' metadata differ exactly where their conditions do.
public enum Provenance {
  public static var buildConfiguration: String {
    #if DEBUG
    return "debug"
    #else
    return "release"
    #endif
  }

  public static var swiftVersion: String {
    #if compiler(>=6.4)
    return "6.4+"
    #elseif compiler(>=6.3)
    return "6.3"
    #elseif compiler(>=6.2)
    return "6.2"
    #else
    return "6.x"
    #endif
  }

  /// The commit checked out in the current directory's repository, read from `.git`
  /// without running git; "unknown" outside a checkout.
  public static func gitCommit(at root: String = ".") -> String {
    guard let head = try? AtomicFile.readText(root + "/.git/HEAD", maxBytes: 4096).trimmed else { return "unknown" }
    guard head.hasPrefix("ref: ") else { return head }
    let ref = String(head.dropFirst(5))
    if let direct = try? AtomicFile.readText(root + "/.git/" + ref, maxBytes: 4096).trimmed { return direct }
    if let packed = try? AtomicFile.readText(root + "/.git/packed-refs", maxBytes: 1 << 20) {
      for line in packed.split(separator: "\n") where line.hasSuffix(" " + ref) {
        return String(line.prefix(while: { $0 != " " }))
      }
    }
    return "unknown"
  }

  /// The hash of every loaded corpus file's content, in load order.
  public static func corpusHash(_ corpus: Corpus) -> String {
    SHA256.hex(of: corpus.files.map(\.contentHash).joined(separator: "\n"))
  }

  /// The machine class: results taken on different classes are not compared for time.
  public static var machineClass: JSONValue {
    .object(JSONObject([
      ("build", .string(buildConfiguration)), ("swift", .string(swiftVersion)),
      ("os", .string(Platform.osFamily)), ("machine", .string(Platform.hostMachine())),
      ("cores", .number(Platform.processorCount)),
    ]))
  }

  /// The run's metadata for `results.json`: provenance plus everything `rerun` needs to
  /// repeat the run (corpus paths, selected case ids, matrix, seed, limits, shard).
  static func metadata(request: RunRequest, corpus: Corpus, cases: [CorpusCase]) -> JSONValue {
    let configuration = request.configuration
    let m = configuration.matrix
    return .object(JSONObject([
      ("commit", .string(gitCommit())),
      ("machineClass", machineClass),
      ("os", .string(Platform.osDescription)),
      ("suite", request.suite.map { .string($0.name) } ?? .null),
      ("suiteFile", request.suite.map { .string($0.file) } ?? .null),
      ("corpusPaths", .array(request.corpusPaths.map { .string($0) })),
      ("corpusHash", .string(corpusHash(corpus))),
      ("caseIDs", .array(cases.map { .string($0.id) })),
      ("shard", request.shard.map { .string($0.description) } ?? .null),
    ] + configuration.jsonFields))
  }
}

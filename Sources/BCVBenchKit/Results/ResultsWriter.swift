import BCVPlatform
import BCVValidation

/// Writes a run's records as `results.csv` (tidy: one row per job) and `results.json`
/// (the same rows with per-obligation detail, plus provenance and settings).
///
/// Rows keep the run's job order (case, strategy, samples, workers, cache, repetition);
/// JSON keys are sorted; numbers print in shortest round-trip form. Both files are
/// written atomically.
public enum ResultsWriter {
  public static let schema = "bcv-results/1"

  public static let csvColumns = [
    "case", "strategy", "samples", "workers", "cache", "repetition", "verdict", "proof", "violates",
    "expected", "outcome", "seconds", "cpu_seconds", "peak_memory_mb", "evaluations", "boxes", "cache_hits",
    "cache_misses", "undecided_fraction", "decided_by", "solver", "solver_status", "counterexample", "reason", "tags",
  ]

  public static func csv(_ records: [JobRecord]) -> CSVTable {
    CSVTable(header: csvColumns, rows: records.map { r in
      [
        r.caseID, r.strategy, "\(r.samples)", "\(r.workers)", r.cache, "\(r.repetition)", r.verdict.rawValue,
        r.proof ? "true" : "false", r.violates?.rawValue ?? "", r.expected?.rawValue ?? "", r.outcome.rawValue,
        formatSeconds(r.seconds), formatSeconds(r.cpuSeconds), "\(r.peakMemoryBytes / (1 << 20))",
        "\(r.evaluations)", "\(r.boxes)", "\(r.cacheHits)", "\(r.cacheMisses)",
        r.undecidedFraction.map { "\($0)" } ?? "", r.decidedBy, r.solver ?? "", r.solverStatus ?? "",
        r.counterexample.map { $0.map { "\($0)" }.joined(separator: " ") } ?? "", r.reason ?? "",
        r.tags.joined(separator: " "),
      ]
    })
  }

  static func formatSeconds(_ s: Double) -> String {
    let micro = (s * 1e6).rounded() / 1e6
    return "\(micro)"
  }

  public static func json(_ records: [JobRecord], metadata: JSONValue) -> JSONValue {
    .object(JSONObject([
      ("schema", .string(schema)),
      ("run", metadata),
      ("results", .array(records.map(recordJSON))),
    ]))
  }

  static func recordJSON(_ r: JobRecord) -> JSONValue {
    var pairs: [(String, JSONValue)] = [
      ("case", .string(r.caseID)), ("strategy", .string(r.strategy)), ("samples", .number(r.samples)),
      ("workers", .number(r.workers)), ("cache", .string(r.cache)), ("repetition", .number(r.repetition)),
      ("verdict", .string(r.verdict.rawValue)), ("proof", .bool(r.proof)), ("outcome", .string(r.outcome.rawValue)),
      ("seconds", .number(r.seconds)), ("evaluations", .number(r.evaluations)), ("boxes", .number(r.boxes)),
      ("obligations", .array(r.obligations.map(\.json))),
      ("cpuSeconds", .number(r.cpuSeconds)), ("peakMemoryBytes", .number(r.peakMemoryBytes)),
      ("cacheHits", .number(r.cacheHits)), ("cacheMisses", .number(r.cacheMisses)),
      ("tags", .array(r.tags.map { .string($0) })),
    ]
    if let v = r.violates { pairs.append(("violates", .string(v.rawValue))) }
    if r.timingLoops > 1 { pairs.append(("timingLoops", .number(r.timingLoops))) }
    if let e = r.expected { pairs.append(("expected", .string(e.rawValue))) }
    if let p = r.counterexample { pairs.append(("counterexample", .array(p.map(ObligationResult.exact)))) }
    if let why = r.reason { pairs.append(("reason", .string(why))) }
    return .object(JSONObject(pairs))
  }

  /// Writes both files into `directory` (created if missing).
  public static func write(_ records: [JobRecord], metadata: JSONValue, to directory: String) throws {
    try AtomicFile.write(csv(records).render(), to: directory + "/results.csv")
    try AtomicFile.write(JSONWriter.write(json(records, metadata: metadata)), to: directory + "/results.json")
  }
}

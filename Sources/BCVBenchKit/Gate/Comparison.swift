/// What a row of the comparison says.
public enum RowStatus: String, Sendable, Hashable, CaseIterable {
  case fail, warn, pass, improved, new, missing
  /// A job whose timing noise between identical runs exceeds its threshold: its time is
  /// shown but never fails the gate.
  case unstable
  /// A job whose answer depends on the wall-clock limit: compared for time, never for accuracy.
  case timeLimited = "time-limited"
}

/// What a row compares; the confirmation re-run looks for failing `time` and
/// `strategyTime` rows.
public enum RowTopic: String, Sendable, Hashable {
  case job, outcome, counter, cache, time, strategyTime, confirmation
  /// The whole run's time (every job): a slower build as a whole, or a slower machine.
  case runTime
}

/// Which exit code a failing row leads to.
public enum FailureKind: String, Sendable, Hashable {
  case accuracy, performance
}

/// One metric of one job, baseline against candidate.
public struct ComparisonRow: Sendable, Hashable {
  public var key: String
  public var caseID: String
  public var strategy: String
  public var metric: String
  public var baseline: String
  public var candidate: String
  public var change: String
  public var status: RowStatus
  public var kind: FailureKind?
  public var detail: String
  public var topic: RowTopic = .job
}

/// A case whose outcome differs between the two runs (correct → wrong, unknown → correct…).
public struct VerdictChange: Sendable, Hashable {
  public var key: String
  public var caseID: String
  public var strategy: String
  public var from: Outcome
  public var to: Outcome
}

/// The result of comparing a candidate with a baseline.
public struct Comparison: Sendable {
  public var rows: [ComparisonRow]
  public var verdictChanges: [VerdictChange]
  /// Per strategy: (baseline score, candidate score).
  public var scores: [(strategy: String, baseline: Int, candidate: Int)]
  public var timeCompared: Bool
  public var notes: [String]
  /// Set when the baseline may not be compared at all (another suite or corpus).
  public var refusal: String?
  /// Set when time failures were re-run to confirm them.
  public var confirmation: ConfirmationSummary?

  public var accuracyFailures: Int { rows.filter { $0.status == .fail && $0.kind == .accuracy }.count }
  public var performanceFailures: Int { rows.filter { $0.status == .fail && $0.kind == .performance }.count }

  /// Accuracy dominates: a run with both kinds of regression exits with the accuracy code.
  public var exitCode: ExitCode {
    if refusal != nil { return .badInput }
    if accuracyFailures > 0 { return .accuracyFailure }
    if performanceFailures > 0 { return .performanceRegression }
    return .success
  }

  /// Rows ordered for reading: failures first, then warnings, new, missing, improvements, passes.
  public var orderedRows: [ComparisonRow] {
    let rank: [RowStatus: Int] = [.fail: 0, .missing: 1, .warn: 2, .timeLimited: 3, .unstable: 4, .new: 5, .improved: 6, .pass: 7]
    return rows.enumerated().sorted { (rank[$0.element.status]!, $0.offset) < (rank[$1.element.status]!, $1.offset) }.map(\.element)
  }

  public func text(maxRows: Int = 40) -> String {
    var lines: [String] = []
    if let refusal { return "gate: refused: \(refusal)" }
    let status = exitCode == .success ? "PASS" : "FAIL"
    lines.append("gate: \(status) — \(accuracyFailures) accuracy and \(performanceFailures) performance regression(s)"
                 + (timeCompared ? "" : " (time not compared)"))
    for note in notes { lines.append("  note: \(note)") }
    let interesting = orderedRows.filter { $0.status != .pass && $0.status != .unstable }
    for row in interesting.prefix(maxRows) {
      lines.append("  \(row.status.rawValue.uppercased().padded(to: 8)) \(row.caseID) [\(row.strategy)] \(row.metric): "
                   + "\(row.baseline) → \(row.candidate) \(row.change) \(row.detail)")
    }
    if interesting.count > maxRows { lines.append("  … \(interesting.count - maxRows) more rows in comparison.json") }
    for change in verdictChanges.prefix(maxRows) {
      lines.append("  verdict \(change.caseID) [\(change.strategy)]: \(change.from.rawValue) → \(change.to.rawValue)")
    }
    if !scores.isEmpty {
      lines.append("  score (SV-COMP style): " + scores.map { "\($0.strategy) \($0.baseline) → \($0.candidate)" }.joined(separator: ", "))
    }
    return lines.joined(separator: "\n")
  }

  public func json() -> JSONValue {
    .object(JSONObject([
      ("status", .string(exitCode == .success ? "pass" : "fail")),
      ("refusal", refusal.map { .string($0) } ?? .null),
      ("timeCompared", .bool(timeCompared)),
      ("accuracyFailures", .number(accuracyFailures)),
      ("performanceFailures", .number(performanceFailures)),
      ("notes", .array(notes.map { .string($0) })),
      ("confirmation", confirmation.map { c in
        .object(JSONObject([("rerunJobs", .number(c.rerunJobs)), ("confirmed", .number(c.confirmed)),
                            ("cleared", .number(c.cleared))]))
      } ?? .null),
      ("rows", .array(orderedRows.map { r in
        .object(JSONObject([
          ("key", .string(r.key)), ("case", .string(r.caseID)), ("strategy", .string(r.strategy)),
          ("metric", .string(r.metric)), ("baseline", .string(r.baseline)), ("candidate", .string(r.candidate)),
          ("change", .string(r.change)), ("status", .string(r.status.rawValue)),
          ("kind", r.kind.map { .string($0.rawValue) } ?? .null), ("detail", .string(r.detail)),
        ]))
      })),
      ("verdictChanges", .array(verdictChanges.map { c in
        .object(JSONObject([("key", .string(c.key)), ("case", .string(c.caseID)), ("strategy", .string(c.strategy)),
                            ("from", .string(c.from.rawValue)), ("to", .string(c.to.rawValue))]))
      })),
      ("scores", .array(scores.map { s in
        .object(JSONObject([("strategy", .string(s.strategy)), ("baseline", .number(s.baseline)),
                            ("candidate", .number(s.candidate))]))
      })),
    ]))
  }
}

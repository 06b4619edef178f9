import BCVValidation

/// Every job of one case × strategy pair, summarised over the matrix and repetitions:
/// the unit of the full results table and of a JUnit test case.
struct CaseStrategySummary {
  let caseID: String
  let strategy: String
  let expected: VerdictKind?
  /// The pair's jobs in run order.
  let jobs: [JobRecord]
  let counts: AnswerCounts

  /// One summary per case × strategy pair that has jobs, sorted by case, then strategy.
  static func all(_ data: ReportDataset) -> [CaseStrategySummary] {
    let groups = Dictionary(grouping: data.records) { [$0.caseID, $0.strategy] }
    return groups.keys.sorted {
      $0[0] != $1[0] ? ReportFormat.byteOrder($0[0], $1[0]) : ReportFormat.byteOrder($0[1], $1[1])
    }.map { key in
      let jobs = groups[key]!
      return CaseStrategySummary(caseID: key[0], strategy: key[1], expected: data.expected[key[0]], jobs: jobs,
                                 counts: AnswerCounts(jobs))
    }
  }

  /// The most serious class among the jobs, in the order unsound, wrong, error, unknown,
  /// correct, unscored.
  var worst: AnswerClass {
    let order: [AnswerClass] = [.unsound, .wrong, .error, .unknown, .correct, .unscored]
    return order.first { counts[$0] > 0 } ?? .unscored
  }

  /// Whether every job answered `unknown` (or failed to run) and none was wrong.
  var allUndecided: Bool {
    jobs.allSatisfy { $0.verdict == .unknown || $0.outcome == .error } && counts.wrong == 0
  }

  /// The verdicts given and how often, e.g. "invalid ×12" or "valid ×6, unknown ×6"
  /// (order valid, invalid, unknown).
  var verdictText: String {
    VerdictKind.allCases.compactMap { kind in
      let n = jobs.filter { $0.verdict == kind }.count
      return n > 0 ? "\(kind.rawValue) ×\(n)" : nil
    }.joined(separator: ", ")
  }

  /// The classes present and their counts, e.g. "correct 6, unknown 6" (class order).
  var outcomeText: String {
    AnswerClass.allCases.compactMap { c in counts[c] > 0 ? "\(c.rawValue) \(counts[c])" : nil }.joined(separator: ", ")
  }

  /// Total wall seconds of all the pair's jobs.
  var totalSeconds: Double { jobs.reduce(0) { $0 + $1.seconds } }

  /// The distinct reasons given by jobs that were not correct, sorted.
  var reasons: [String] {
    Set(jobs.filter { $0.outcome != .correct }.compactMap(\.reason)).sorted(by: ReportFormat.byteOrder)
  }

  /// The first reason in run order of a job that was not correct, cut to `limit`
  /// characters, with the number of other distinct reasons; nil when there is none.
  func reasonSummary(limit: Int = 240) -> String? {
    let all = reasons
    guard let first = jobs.first(where: { $0.outcome != .correct && $0.reason != nil })?.reason else { return nil }
    let others = all.count - 1
    return ReportFormat.truncated(first, limit)
      + (others > 0 ? " (and \(others) other reason\(others == 1 ? "" : "s"))" : "")
  }

  /// One line per wrong job: its matrix point, repetition, verdict and whether it claimed a proof.
  var wrongAnswers: [String] {
    jobs.filter { $0.outcome == .wrong }.map { r in
      "samples=\(r.samples) workers=\(r.workers) cache=\(r.cache) repetition=\(r.repetition): answered "
        + "\(r.verdict.rawValue)\(r.proof ? " with proof (UNSOUND)" : ""), expected \(r.expected?.rawValue ?? "?")"
    }
  }
}

/// The classes answers are counted in by the reports: the outcomes, with unsound answers
/// (wrong with a proof) split from other wrong answers so that the classes partition the
/// jobs and stack to their total.
enum AnswerClass: String, CaseIterable {
  case correct
  case wrong
  case unsound
  case unknown
  case unscored
  case error

  init(_ record: JobRecord) {
    switch record.outcome {
    case .correct: self = .correct
    case .wrong: self = record.isUnsound ? .unsound : .wrong
    case .unknown: self = .unknown
    case .unscored: self = .unscored
    case .error: self = .error
    }
  }

  /// The legend text.
  var label: String {
    switch self {
    case .correct: "correct"
    case .wrong: "wrong (no proof)"
    case .unsound: "unsound (wrong, proof)"
    case .unknown: "unknown"
    case .unscored: "unscored"
    case .error: "error"
    }
  }

  /// The fixed colour of this class in every chart.
  var color: String {
    switch self {
    case .correct: "#59a14f"
    case .wrong: "#e15759"
    case .unsound: "#7a0010"
    case .unknown: "#bab0ac"
    case .unscored: "#8cb4d9"
    case .error: "#b07aa1"
    }
  }
}

/// Counts of answers by class, for one strategy, tag, or case × strategy.
struct AnswerCounts {
  private(set) var counts: [AnswerClass: Int] = [:]

  init<S: Sequence>(_ records: S) where S.Element == JobRecord {
    for r in records { add(r) }
  }

  mutating func add(_ record: JobRecord) {
    counts[AnswerClass(record), default: 0] += 1
  }

  subscript(_ c: AnswerClass) -> Int { counts[c] ?? 0 }

  var jobs: Int { counts.values.reduce(0, +) }
  /// Wrong answers, unsound ones included.
  var wrong: Int { self[.wrong] + self[.unsound] }
  /// Answers on cases with a known verdict: correct, wrong (unsound included) and unknown.
  var scored: Int { self[.correct] + wrong + self[.unknown] }
  /// Correct answers as a fraction of scored ones; nil when nothing was scored.
  var accuracy: Double? { scored > 0 ? Double(self[.correct]) / Double(scored) : nil }
}

import BCVValidation

/// How an answer compares with the case's known verdict.
public enum Outcome: String, Sendable, Hashable, CaseIterable {
  /// The answer agrees with the known verdict.
  case correct
  /// The answer contradicts the known verdict. With `proof` set this is an unsound
  /// answer, the worst outcome there is.
  case wrong
  /// The strategy answered `unknown`.
  case unknown
  /// The case has no known verdict.
  case unscored
  /// The job could not run to completion (crash, signal, infrastructure).
  case error

  public static func scoring(_ verdict: VerdictKind, against expected: ExpectedVerdict?) -> Outcome {
    guard let expected else { return .unscored }
    switch verdict {
    case .unknown: return .unknown
    case .valid, .invalid: return verdict == expected.verdict ? .correct : .wrong
    }
  }
}

/// One job's result: one case, one strategy, one point of the run matrix, one repetition.
/// This is the row of `results.csv` and an element of `results.json`.
public struct JobRecord: Sendable, Hashable {
  public var caseID: String
  public var strategy: String
  public var samples: Int
  public var workers: Int
  public var cache: String
  public var repetition: Int
  public var verdict: VerdictKind
  /// Whether the answer is certain: a proof of validity, or a confirmed counterexample.
  public var proof: Bool
  public var violates: ConditionName?
  public var counterexample: [Double]?
  public var expected: VerdictKind?
  public var outcome: Outcome
  public var seconds: Double
  public var evaluations: Int
  public var boxes: Int
  public var reason: String?
  public var obligations: [ObligationResult]

  /// An answer that claimed certainty and was wrong: a soundness bug.
  public var isUnsound: Bool { outcome == .wrong && proof }

  public init(caseID: String, strategy: String, samples: Int, workers: Int, cache: String, repetition: Int,
              verdict: Verdict, expected: ExpectedVerdict?, seconds: Double) {
    self.caseID = caseID
    self.strategy = strategy
    self.samples = samples
    self.workers = workers
    self.cache = cache
    self.repetition = repetition
    self.verdict = verdict.kind
    self.proof = verdict.kind != .unknown && verdict.proof
    self.violates = verdict.violates
    self.counterexample = verdict.counterexample?.point
    self.expected = expected?.verdict
    self.outcome = Outcome.scoring(verdict.kind, against: expected)
    self.seconds = seconds
    self.evaluations = verdict.evaluations
    self.boxes = verdict.boxes
    self.reason = verdict.reason
    self.obligations = verdict.obligations
  }
}

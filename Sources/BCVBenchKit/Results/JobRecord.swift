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
  /// The answer, held once: its kind, certainty, violated condition, counterexample, reason
  /// and every obligation's result (the properties below read it).
  public var answer: Verdict
  public var expected: VerdictKind?
  public var outcome: Outcome
  public var seconds: Double
  public var evaluations: Int
  public var boxes: Int
  /// The case's tags, copied so reports can group by them without the corpus.
  public var tags: [String] = []
  /// How many back-to-back executions `seconds` averages: 1, or more for a job too short
  /// to time alone (`Runner.minimumTimedSeconds`).
  public var timingLoops = 1
  /// Process CPU time (user + system) spent by the job, all threads together.
  public var cpuSeconds: Double = 0
  /// The process's peak resident memory after the job, in bytes.
  public var peakMemoryBytes: Int = 0
  /// Cache lookups answered from any cache level, and those that were not.
  public var cacheHits: Int = 0
  public var cacheMisses: Int = 0

  public var verdict: VerdictKind {
    get { answer.kind }
    set { answer = answer.with(kind: newValue) }
  }
  /// Whether the answer is certain: a proof of validity, or a confirmed counterexample.
  public var proof: Bool {
    get { answer.kind != .unknown && answer.proof }
    set { answer = answer.with(proof: newValue) }
  }
  public var violates: ConditionName? { answer.violates }
  /// The counterexample's coordinates (rounded to doubles where the exact point is not).
  public var counterexample: [Double]? { answer.counterexample?.point }
  public var reason: String? { answer.reason }
  public var obligations: [ObligationResult] {
    get { answer.obligations }
    set { answer = answer.with(obligations: newValue) }
  }

  /// The largest undecided volume fraction over the obligations (branch-and-bound unknowns).
  public var undecidedFraction: Double? { obligations.compactMap(\.undecidedFraction).max() }

  /// Per obligation, the strategy that decided it (portfolios), e.g. `initial:symbolic flow:interval`.
  public var decidedBy: String {
    obligations.compactMap { o in o.decidedBy.map { "\(o.condition.rawValue):\($0)" } }.joined(separator: " ")
  }

  /// The external solver used, if any, and its statuses per obligation.
  public var solver: String? { obligations.compactMap(\.solver).first }
  public var solverStatus: String? {
    let statuses = obligations.compactMap { o in o.solverStatus.map { "\(o.condition.rawValue):\($0)" } }
    return statuses.isEmpty ? nil : statuses.joined(separator: " ")
  }

  /// An external solver the job needed was not installed (or not runnable) here: its
  /// answers say nothing about the build, only about the machine.
  public var solverUnavailable: Bool {
    obligations.contains { $0.solverStatus == SolverChoice.unavailable }
  }

  /// Some obligation's work stopped at the time limit: timings and counters depend on the
  /// machine, so the gate does not compare this job's counters.
  public var dependsOnTime: Bool {
    obligations.contains(where: \.dependsOnTime)
  }

  /// An answer that claimed certainty and was wrong: a soundness bug.
  public var isUnsound: Bool { outcome == .wrong && proof }

  /// The key that identifies a job across runs: everything but the measurements.
  public var jobKey: String {
    Self.key(caseID: caseID, strategy: strategy, samples: samples, workers: workers, cache: cache)
  }

  /// The job key of a matrix cell (the one place its text form is made).
  public static func key(caseID: String, strategy: String, samples: Int, workers: Int, cache: String) -> String {
    "\(caseID)|\(strategy)|\(samples)|\(workers)|\(cache)"
  }

  public init(caseID: String, strategy: String, samples: Int, workers: Int, cache: String, repetition: Int,
              verdict: VerdictKind, proof: Bool, violates: ConditionName?, counterexample: [Double]?,
              expected: VerdictKind?, outcome: Outcome, seconds: Double, evaluations: Int, boxes: Int,
              reason: String?, obligations: [ObligationResult]) {
    self.caseID = caseID
    self.strategy = strategy
    self.samples = samples
    self.workers = workers
    self.cache = cache
    self.repetition = repetition
    self.answer = Verdict(kind: verdict, proof: proof, violates: violates,
                          counterexample: counterexample.map { Counterexample(point: $0, value: .nan, confirmation: .exactRational) },
                          reason: reason, obligations: obligations)
    self.expected = expected
    self.outcome = outcome
    self.seconds = seconds
    self.evaluations = evaluations
    self.boxes = boxes
  }

  /// The record of a job that ran to a verdict (held as it is, counterexample value and
  /// confirmation included).
  /// `strategy` is the job's label (`StrategyConfiguration.label`).
  public init(job: Job, strategy: String, caseID: String, verdict: Verdict, expected: ExpectedVerdict?, seconds: Double) {
    self.init(caseID: caseID, strategy: strategy, samples: job.samples, workers: job.workers, cache: job.cache.rawValue,
              repetition: job.repetition, verdict: verdict.kind, proof: verdict.proof, violates: nil, counterexample: nil,
              expected: expected?.verdict, outcome: Outcome.scoring(verdict.kind, against: expected), seconds: seconds,
              evaluations: verdict.evaluations, boxes: verdict.boxes, reason: nil, obligations: [])
    answer = verdict
  }
}

extension Verdict {
  /// This verdict with one field replaced (for records built or edited by hand).
  func with(kind: VerdictKind? = nil, proof: Bool? = nil, obligations: [ObligationResult]? = nil) -> Verdict {
    Verdict(kind: kind ?? self.kind, proof: proof ?? self.proof, violates: violates, counterexample: counterexample,
            reason: reason, obligations: obligations ?? self.obligations)
  }
}

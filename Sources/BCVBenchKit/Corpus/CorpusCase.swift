import BCVNumerics
import BCVValidation

/// The verdict a corpus case is known to have.
public struct ExpectedVerdict: Sendable, Hashable {
  /// `.valid` or `.invalid` (never `.unknown`).
  public var verdict: VerdictKind
  /// For invalid cases: one condition that fails, where the corpus names it.
  public var violates: ConditionName?
  /// For invalid cases: a point where it fails, by variable index, where given.
  public var witness: [Rational]?

  public init(verdict: VerdictKind, violates: ConditionName? = nil, witness: [Rational]? = nil) {
    self.verdict = verdict
    self.violates = violates
    self.witness = witness
  }
}

/// One case of a corpus: a problem plus what is known about it.
public struct CorpusCase: Sendable, Hashable {
  public var id: String
  public var title: String?
  public var source: String?
  public var evidence: String?
  public var tags: [String]
  public var problem: BarrierProblem
  public var expected: ExpectedVerdict?
  /// The file the case came from, as given on the command line or in the suite.
  public var file: String

  public init(id: String, title: String? = nil, source: String? = nil, evidence: String? = nil,
              tags: [String] = [], problem: BarrierProblem, expected: ExpectedVerdict?, file: String) {
    self.id = id
    self.title = title
    self.source = source
    self.evidence = evidence
    self.tags = tags
    self.problem = problem
    self.expected = expected
    self.file = file
  }
}

/// Everything loaded from one or more corpus paths: the cases in load order (files sorted
/// by path, cases in file order), the warnings (unknown keys), and the errors of cases or
/// files that were rejected.
public struct Corpus: Sendable {
  public var cases: [CorpusCase]
  public var warnings: [InputError]
  public var errors: [InputError]
  /// The names of the loaded corpus files' `name` fields, in load order.
  public var names: [String]
  /// The files loaded, in order, with their bytes' hash (for provenance).
  public var files: [(path: String, contentHash: String)]

  public init(cases: [CorpusCase] = [], warnings: [InputError] = [], errors: [InputError] = [],
              names: [String] = [], files: [(path: String, contentHash: String)] = []) {
    self.cases = cases
    self.warnings = warnings
    self.errors = errors
    self.names = names
    self.files = files
  }
}

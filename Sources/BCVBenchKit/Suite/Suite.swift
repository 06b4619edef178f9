import BCVValidation

/// A suite: which corpus cases to run and the run matrix to run them under.
///
/// File format `bcv-suite/1` (a JSON object, paths relative to the suite file):
///
///     { "format": "bcv-suite/1", "name": "smoke", "description": "…",
///       "corpus": ["corpus"],
///       "select": { "tags": ["smoke"], "excludeTags": ["hard"], "cases": ["id", …] },
///       "matrix": { "strategies": ["sampling"], "samples": [10000], "workers": [1],
///                   "cache": ["off"], "repetitions": 1, "warmup": 0 },
///       "seed": 1, "timeLimit": 60, "confidence": 0.99,
///       "budget": { "maxBoxes": 20000, "maxCoefficients": 2000000 },
///       "confirm": true,
///       "gate": { "preset": "default", "minEffect": 0.1, "alpha": 0.05, "correction": "holm",
///                 "counterTolerance": 0, "cacheHitRateDrop": 0.05, "allowUnknown": false,
///                 "noiseMultiple": 3, "strategies": { "sampling": { "minEffect": 0.2 } } } }
///
/// `select.tags` keeps a case carrying any of the tags (all cases when absent);
/// `excludeTags` drops a case carrying any of them; `cases` adds cases by id.
public struct Suite: Sendable {
  public var name: String
  public var description: String?
  public var file: String
  public var corpusPaths: [String]
  public var selection: CaseSelection
  public var matrix: RunMatrix
  public var seed: UInt64
  /// Wall-clock seconds per obligation. In a gating suite a safety net only: `budget`
  /// should stop every job first, so that verdicts do not depend on the machine's speed.
  public var timeLimit: Double?
  /// Deterministic work limits per obligation (the file's `budget` object).
  public var budget = WorkBudget()
  public var confidence: Double
  /// Whether `--gate` re-runs jobs flagged as slower and fails only on those flagged again
  /// (the file's `confirm`, default true).
  public var confirmsRegressions = true
  /// Regression thresholds for `--gate` (the file's `gate` object; defaults otherwise).
  public var gate: GateThresholds = .default
  /// SHA-256 of the suite file's bytes.
  public var contentHash: String = ""

  public init(name: String, description: String? = nil, file: String, corpusPaths: [String],
              selection: CaseSelection = CaseSelection(), matrix: RunMatrix = RunMatrix(), seed: UInt64 = 1,
              timeLimit: Double? = nil, confidence: Double = 0.99) {
    self.name = name
    self.description = description
    self.file = file
    self.corpusPaths = corpusPaths
    self.selection = selection
    self.matrix = matrix
    self.seed = seed
    self.timeLimit = timeLimit
    self.confidence = confidence
  }
}

/// Which cases of a corpus to run.
public struct CaseSelection: Sendable, Hashable {
  public var tags: [String]?
  public var excludeTags: [String] = []
  public var caseIDs: [String] = []

  public init(tags: [String]? = nil, excludeTags: [String] = [], caseIDs: [String] = []) {
    self.tags = tags
    self.excludeTags = excludeTags
    self.caseIDs = caseIDs
  }

  public func selects(_ c: CorpusCase) -> Bool {
    if caseIDs.contains(c.id) { return true }
    if c.tags.contains(where: excludeTags.contains) { return false }
    guard let tags else { return caseIDs.isEmpty }
    return c.tags.contains(where: tags.contains)
  }
}

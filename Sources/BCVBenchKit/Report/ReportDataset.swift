import BCVValidation

/// A run's records indexed the ways the report sections read them.
///
/// Conventions every section follows (and states on the page):
/// - Names (strategies, cases, tags, cache modes) are sorted by UTF-8 bytes; sample and
///   worker counts ascending.
/// - A *cell* is one point of the run matrix for one case (case, strategy, samples,
///   workers, cache); its time is the median of its repetitions' seconds and its verdict
///   the most frequent one among its repetitions (ties broken in the order valid, invalid,
///   unknown).
/// - A strategy's *reference configuration* is its largest sample count, its smallest
///   worker count and cache mode "off" (else its first mode). Timing sections vary one
///   dimension away from it and hold the others there.
struct ReportDataset {
  /// A matrix point for one case, without the repetition.
  struct CellKey: Hashable {
    var caseID: String
    var strategy: String
    var samples: Int
    var workers: Int
    var cache: String
  }

  /// Samples, workers and cache mode: the matrix coordinates other than case and strategy.
  struct Configuration: Hashable {
    var samples: Int
    var workers: Int
    var cache: String

    var description: String { "samples=\(samples), workers=\(workers), cache=\(cache)" }
  }

  let records: [JobRecord]
  let strategies: [String]
  let cases: [String]
  /// Each case's known verdict, nil when it has none.
  let expected: [String: VerdictKind]
  let cells: [CellKey: [JobRecord]]
  private let byStrategy: [String: [JobRecord]]

  init(_ records: [JobRecord]) {
    self.records = records
    strategies = Set(records.map(\.strategy)).sorted(by: ReportFormat.byteOrder)
    cases = Set(records.map(\.caseID)).sorted(by: ReportFormat.byteOrder)
    var expected: [String: VerdictKind] = [:]
    for r in records { if let e = r.expected { expected[r.caseID] = e } }
    self.expected = expected
    cells = Dictionary(grouping: records) {
      CellKey(caseID: $0.caseID, strategy: $0.strategy, samples: $0.samples, workers: $0.workers, cache: $0.cache)
    }
    byStrategy = Dictionary(grouping: records, by: \.strategy)
  }

  /// The records of one strategy, in run order.
  func records(of strategy: String) -> [JobRecord] { byStrategy[strategy] ?? [] }

  /// The sample counts the strategy ran with, ascending.
  func samples(of strategy: String) -> [Int] { Set(records(of: strategy).map(\.samples)).sorted() }

  /// The worker counts the strategy ran with, ascending.
  func workers(of strategy: String) -> [Int] { Set(records(of: strategy).map(\.workers)).sorted() }

  /// The cache modes the strategy ran with, sorted by name.
  func cacheModes(of strategy: String) -> [String] {
    Set(records(of: strategy).map(\.cache)).sorted(by: ReportFormat.byteOrder)
  }

  /// Every tag of any case, sorted.
  var tags: [String] { Set(records.flatMap(\.tags)).sorted(by: ReportFormat.byteOrder) }

  /// The strategy's reference configuration (see the type's documentation).
  func reference(_ strategy: String) -> Configuration {
    let modes = cacheModes(of: strategy)
    return Configuration(samples: samples(of: strategy).last ?? 0, workers: workers(of: strategy).first ?? 1,
                         cache: modes.contains("off") ? "off" : modes.first ?? "off")
  }

  /// The repetitions of a cell; empty when the matrix did not include it.
  func cell(_ caseID: String, _ strategy: String, _ c: Configuration) -> [JobRecord] {
    cells[CellKey(caseID: caseID, strategy: strategy, samples: c.samples, workers: c.workers, cache: c.cache)] ?? []
  }

  /// The median seconds over a cell's repetitions; nil for an empty cell.
  func medianSeconds(_ caseID: String, _ strategy: String, _ c: Configuration) -> Double? {
    ReportFormat.median(cell(caseID, strategy, c).map(\.seconds))
  }

  /// The most frequent verdict of a cell's repetitions (ties: valid, invalid, unknown);
  /// nil for an empty cell.
  func verdict(_ caseID: String, _ strategy: String, _ c: Configuration) -> VerdictKind? {
    Self.mostFrequent(cell(caseID, strategy, c).map(\.verdict))
  }

  /// The most frequent verdict in `verdicts`, ties broken in the order valid, invalid, unknown.
  static func mostFrequent(_ verdicts: [VerdictKind]) -> VerdictKind? {
    var best: (VerdictKind, Int)?
    for kind in VerdictKind.allCases {
      let n = verdicts.filter { $0 == kind }.count
      if n > 0 && n > (best?.1 ?? 0) { best = (kind, n) }
    }
    return best?.0
  }

  /// Whether the sample count changes the strategy's work: some obligation reports samples
  /// drawn in its region, or its evaluation counts differ between sample counts.
  func usesSamples(_ strategy: String) -> Bool {
    let rows = records(of: strategy)
    if rows.contains(where: { $0.obligations.contains { $0.samplesInRegion > 0 } }) { return true }
    let perCount = Dictionary(grouping: rows, by: \.samples).mapValues { Set($0.map(\.evaluations)) }
    return perCount.count > 1 && Set(perCount.values).count > 1
  }

  /// The median seconds of each case at configuration `c`, for cases that have that cell,
  /// in case order.
  func caseTimes(_ strategy: String, _ c: Configuration) -> [(caseID: String, seconds: Double)] {
    cases.compactMap { id in medianSeconds(id, strategy, c).map { (id, $0) } }
  }
}

import BCVValidation

/// The numbers of the speedup section, per strategy, computed so that they can be trusted:
///
/// - **Matched configuration.** Times at different worker counts are compared only at the
///   same sample count and cache mode: the configuration present at the most worker counts
///   (ties: cache `off`, then `cold`, then others; then the largest sample count).
/// - **Decided jobs only.** A case counts only when every repetition at every compared
///   worker count finished without reaching the time limit (`JobRecord.dependsOnTime`) and
///   without an error: a time-limited job takes the limit at any worker count and would
///   pull the speedup towards 1. Excluded cases are counted and shown.
/// - T(w) is the sum over the counted cases of the median seconds over repetitions;
///   speedup S(w) = T(w₀) / T(w) for the smallest worker count w₀, ideal w / w₀,
///   efficiency S / ideal; cores busy = CPU seconds ÷ wall seconds. The same over the cases whose T at w₀ is at least
///   `longJobSeconds` (work large enough to spread) is the `long` scope.
/// - **Amdahl.** From the largest worker count p: the serial fraction f that gives S(p)
///   (f = (p/S − 1)/(p − 1) when w₀ = 1), and the speedup 1/(f + (1 − f)/n) it predicts at
///   n = 4, 8 and 16 workers, with f clamped to [0, 1].
/// - **Waves.** When every obligation records its branch-and-bound waves (`ObligationResult.waves`), the
///   work/critical-path bound: each obligation needs at least max(boxes/p, waves) box-times
///   on p workers, so the speedup is at most Σ boxes / Σ max(boxes/p, waves) (at most
///   boxes/waves however many workers), from the counted cases at w₀.
/// - Strategies listed in `WorkerUse.singleThreaded` are not measured: the section says
///   they cannot use a second worker.
struct SpeedupAnalysis {
  static let longJobSeconds = 0.010
  static let predictedWorkers = [4, 8, 16]
  static let boundWorkers = [2, 4, 8, 16]

  enum Status: String {
    case measured
    case singleThreaded = "single-threaded"
    case oneWorkerCount = "one worker count"
    case noMatchedConfiguration = "no matched configuration"
    case noDecidedJobs = "no decided jobs"
  }

  enum Scope: String, CaseIterable {
    /// Every decided case.
    case all
    /// Decided cases whose time at the smallest worker count is at least `longJobSeconds`.
    case long
  }

  struct Point {
    var workers: Int
    var seconds: Double
    var speedup: Double?
    var ideal: Double
    /// Cores the process kept busy on average: process CPU seconds ÷ wall seconds over every
    /// repetition of the counted cases (nil when CPU time was not recorded). Near 1 at two
    /// workers means the second one did little — or the machine had no second core free.
    var coresBusy: Double?
    var efficiency: Double? { speedup.map { $0 / ideal } }
  }

  struct ScopeResult {
    var scope: Scope
    var cases: Int
    var points: [Point]
    /// The serial fraction implied by the speedup at the largest worker count (unclamped).
    var serialFraction: Double?
    /// Amdahl's predicted speedup over one worker at `predictedWorkers`.
    var predictions: [(workers: Int, speedup: Double)]
  }

  struct WaveBound {
    var cases: Int
    var boxes: Int
    var waves: Int
    /// The most speedup over one worker that p workers can give, for `boundWorkers`.
    var bounds: [(workers: Int, speedup: Double)]
    var parallelism: Double { waves > 0 ? Double(boxes) / Double(waves) : 0 }
  }

  struct StrategyResult {
    var strategy: String
    var status: Status
    var note: String
    var configuration: ReportDataset.Configuration?
    var workerCounts: [Int] = []
    var timeLimited = 0
    var failed = 0
    var scopes: [ScopeResult] = []
    var waveBound: WaveBound?

    func scope(_ s: Scope) -> ScopeResult? { scopes.first { $0.scope == s } }
  }

  let strategies: [StrategyResult]

  init(_ data: ReportDataset) {
    strategies = data.strategies.map { Self.analyse($0, data) }
  }

  private static func analyse(_ s: String, _ data: ReportDataset) -> StrategyResult {
    if let why = WorkerUse.whySingleThreaded(s) {
      return StrategyResult(strategy: s, status: .singleThreaded, note: "cannot use a second worker: \(why)")
    }
    let counts = data.workers(of: s)
    guard counts.count >= 2 else {
      return StrategyResult(strategy: s, status: .oneWorkerCount,
                            note: "ran only with \(counts.first ?? 1) worker(s): no speedup to measure")
    }
    guard let (configuration, workers) = matchedConfiguration(s, data) else {
      let listed = counts.map { w in
        "\(w) worker(s) at " + configurations(s, data, workers: w).map { "samples=\($0.samples) cache=\($0.cache)" }
          .sorted().joined(separator: ", ")
      }.joined(separator: " | ")
      return StrategyResult(strategy: s, status: .noMatchedConfiguration,
                            note: "no sample count and cache mode ran at two worker counts (\(listed))")
    }
    var result = StrategyResult(strategy: s, status: .measured, note: "", configuration: configuration, workerCounts: workers)
    func at(_ w: Int) -> ReportDataset.Configuration {
      ReportDataset.Configuration(samples: configuration.samples, workers: w, cache: configuration.cache)
    }
    var decided: [String] = []
    for c in data.cases {
      let cells = workers.map { data.cell(c, s, at($0)) }
      guard cells.allSatisfy({ !$0.isEmpty }) else { continue }
      let rows = cells.flatMap { $0 }
      if rows.contains(where: { $0.outcome == .error }) {
        result.failed += 1
      } else if rows.contains(where: \.dependsOnTime) {
        result.timeLimited += 1
      } else {
        decided.append(c)
      }
    }
    guard !decided.isEmpty else {
      result.status = .noDecidedJobs
      result.note = "every case reached the time limit or failed at some worker count"
      return result
    }
    let base = workers[0]
    let long = decided.filter { (data.medianSeconds($0, s, at(base)) ?? 0) >= longJobSeconds }
    result.scopes = [scope(.all, decided, workers, at, s, data)]
    if !long.isEmpty { result.scopes.append(scope(.long, long, workers, at, s, data)) }
    result.waveBound = waveBound(decided, s, data, at(base))
    if result.timeLimited > 0 || result.failed > 0 {
      result.note = "excluded: \(result.timeLimited) time-limited case(s), \(result.failed) failed"
    }
    return result
  }

  private static func scope(_ scope: Scope, _ cases: [String], _ workers: [Int],
                            _ at: (Int) -> ReportDataset.Configuration, _ s: String,
                            _ data: ReportDataset) -> ScopeResult {
    func total(_ w: Int) -> Double { cases.reduce(0) { $0 + (data.medianSeconds($1, s, at(w)) ?? 0) } }
    let base = workers[0], t0 = total(base)
    let points = workers.map { w -> Point in
      let t = total(w)
      let rows = cases.flatMap { data.cell($0, s, at(w)) }
      let cpu = rows.reduce(0) { $0 + $1.cpuSeconds }, wall = rows.reduce(0) { $0 + $1.seconds }
      return Point(workers: w, seconds: t, speedup: t > 0 ? t0 / t : nil, ideal: Double(w) / Double(base),
                   coresBusy: cpu > 0 && wall > 0 ? cpu / wall : nil)
    }
    let last = points[points.count - 1]
    let f = last.speedup.flatMap { SpeedupMath.serialFraction(speedup: $0, workers: last.workers, base: base) }
    let predictions = f.map { f in predictedWorkers.map { ($0, SpeedupMath.amdahl(serialFraction: f, workers: $0)) } } ?? []
    return ScopeResult(scope: scope, cases: cases.count, points: points, serialFraction: f, predictions: predictions)
  }

  private static func waveBound(_ cases: [String], _ s: String, _ data: ReportDataset,
                                _ c: ReportDataset.Configuration) -> WaveBound? {
    var perObligation: [(boxes: Int, waves: Int)] = []
    var counted = 0
    for id in cases {
      guard let first = data.cell(id, s, c).first else { continue }
      let recorded = first.obligations.compactMap { o in o.waves.map { (o.boxes, $0) } }
      // Only a strategy whose every obligation searches in waves: a portfolio that used
      // branch-and-bound for some obligations only would be bounded on part of its work.
      guard !first.obligations.isEmpty, recorded.count == first.obligations.count else { return nil }
      counted += 1
      perObligation += recorded
    }
    guard counted > 0 else { return nil }
    let boxes = perObligation.reduce(0) { $0 + $1.boxes }
    let waves = perObligation.reduce(0) { $0 + $1.waves }
    let bounds = boundWorkers.map { p -> (Int, Double) in
      let span = perObligation.reduce(0.0) { $0 + max(Double($1.boxes) / Double(p), Double($1.waves)) }
      return (p, span > 0 ? Double(boxes) / span : 1)
    }
    return WaveBound(cases: counted, boxes: boxes, waves: waves, bounds: bounds)
  }

  /// The configuration to compare worker counts at, and the worker counts it ran with.
  private static func matchedConfiguration(_ s: String, _ data: ReportDataset)
    -> (ReportDataset.Configuration, [Int])? {
    var present: [ReportDataset.Configuration: [Int]] = [:]
    for w in data.workers(of: s) {
      for c in configurations(s, data, workers: w) {
        present[ReportDataset.Configuration(samples: c.samples, workers: 0, cache: c.cache), default: []].append(w)
      }
    }
    func cacheRank(_ mode: String) -> Int { ["off": 2, "cold": 1][mode] ?? 0 }
    let best = present.filter { $0.value.count >= 2 }.max { a, b in
      (a.value.count, cacheRank(a.key.cache), a.key.samples, b.key.cache)
        < (b.value.count, cacheRank(b.key.cache), b.key.samples, a.key.cache)
    }
    return best.map { ($0.key, $0.value.sorted()) }
  }

  /// The (samples, cache) configurations the strategy ran with at `workers` workers.
  private static func configurations(_ s: String, _ data: ReportDataset, workers: Int) -> [ReportDataset.Configuration] {
    Array(Set(data.records(of: s).filter { $0.workers == workers }.map {
      ReportDataset.Configuration(samples: $0.samples, workers: 0, cache: $0.cache)
    }))
  }
}

/// Amdahl's law, as the speedup section uses it.
public enum SpeedupMath {
  /// The serial fraction f for which Amdahl's law gives `speedup` going from `base` to
  /// `workers` workers: T(w) ∝ f + (1 − f)/w. nil when undefined (workers == base).
  public static func serialFraction(speedup: Double, workers: Int, base: Int) -> Double? {
    let w = Double(workers), b = Double(base)
    let denominator = (1 - 1 / b) - speedup * (1 - 1 / w)
    guard workers != base, speedup > 0, denominator != 0 else { return nil }
    return (speedup / w - 1 / b) / denominator
  }

  /// Amdahl's speedup over one worker on `workers` workers with serial fraction `f`
  /// (clamped to [0, 1]).
  public static func amdahl(serialFraction f: Double, workers: Int) -> Double {
    let g = min(1, max(0, f))
    return 1 / (g + (1 - g) / Double(workers))
  }
}

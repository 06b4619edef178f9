import BCVValidation

/// Settings of one run that are not part of the matrix.
public struct RunConfiguration: Sendable {
  public var matrix: RunMatrix
  public var seed: UInt64
  public var timeLimit: Double?
  public var confidence: Double
  /// Show a progress line on stderr (only ever on a terminal).
  public var progress: Bool

  public init(matrix: RunMatrix = RunMatrix(), seed: UInt64 = 1, timeLimit: Double? = nil,
              confidence: Double = 0.99, progress: Bool = false) {
    self.matrix = matrix
    self.seed = seed
    self.timeLimit = timeLimit
    self.confidence = confidence
    self.progress = progress
  }

  func settings(for job: Job) -> StrategySettings {
    var s = StrategySettings()
    s.samples = job.samples
    s.workers = job.workers
    s.seed = seed
    s.timeLimit = timeLimit
    s.confidence = confidence
    return s
  }
}

/// Runs every job of the matrix over the cases, in the matrix's fixed order.
///
/// Each case's obligations are built and compiled once and shared by its jobs; a job's
/// `seconds` is the wall time its strategy spent deciding the three obligations.
public struct Runner {
  public let configuration: RunConfiguration

  public init(configuration: RunConfiguration) { self.configuration = configuration }

  /// Runs the plan's jobs over `cases` (indexed by `Job.caseIndex`). Returns the records in
  /// the plan's canonical job order, and the cases that could not be turned into obligations.
  public func run(_ cases: [CorpusCase], plan: RunPlan) -> (records: [JobRecord], errors: [InputError]) {
    var compiled: [[CompiledObligation]?] = []
    var errors: [InputError] = []
    for c in cases {
      do {
        compiled.append(try c.problem.obligations().map(CompiledObligation.init))
      } catch let e {
        errors.append(InputError(file: c.file, caseID: c.id, e.description))
        compiled.append(nil)
      }
    }
    // Warm-up runs first, untimed, in canonical order.
    for job in plan.jobs where job.repetition == 0 && configuration.matrix.warmup > 0 {
      guard let obligations = compiled[job.caseIndex], let strategy = StrategyCatalog.named(job.strategy) else { continue }
      for _ in 0..<configuration.matrix.warmup {
        _ = strategy.validate(obligations, settings: configuration.settings(for: job))
      }
    }
    var slots = [JobRecord?](repeating: nil, count: plan.jobs.count)
    let progress = ProgressLine(enabled: configuration.progress, total: plan.jobs.count)
    for (n, index) in plan.executionOrder.enumerated() {
      let job = plan.jobs[index]
      guard let obligations = compiled[job.caseIndex],
            let strategy = StrategyCatalog.named(job.strategy) else { continue }
      let c = cases[job.caseIndex]
      progress.update(done: n, label: "\(c.id) \(job.strategy)")
      let settings = configuration.settings(for: job)
      let cpuBefore = Platform.cpuSeconds()
      let clock = Stopwatch()
      let verdict = strategy.validate(obligations, settings: settings)
      let seconds = clock.elapsedSeconds
      var record = JobRecord(job: job, caseID: c.id, verdict: verdict, expected: c.expected, seconds: seconds)
      record.cpuSeconds = Platform.cpuSeconds() - cpuBefore
      record.peakMemoryBytes = Platform.peakResidentMemoryBytes()
      record.tags = c.tags
      slots[index] = record
    }
    progress.finish()
    return (slots.compactMap { $0 }, errors)
  }

  /// Runs every job of the matrix (no sharding).
  public func run(_ cases: [CorpusCase]) -> (records: [JobRecord], errors: [InputError]) {
    run(cases, plan: RunPlan(matrix: configuration.matrix, caseCount: cases.count, shard: nil, seed: configuration.seed))
  }
}

/// A one-line progress display on stderr, redrawn in place; silent unless enabled.
final class ProgressLine {
  let enabled: Bool
  let total: Int

  init(enabled: Bool, total: Int) {
    self.enabled = enabled
    self.total = total
  }

  func update(done: Int, label: String) {
    guard enabled else { return }
    let text = "[\(done + 1)/\(total)] \(label)"
    Platform.writeStderr("\r\u{1B}[K" + String(text.prefix(100)))
  }

  func finish() {
    if enabled { Platform.writeStderr("\r\u{1B}[K") }
  }
}

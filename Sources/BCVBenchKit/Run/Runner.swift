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

  /// The records, and the cases that could not be turned into obligations.
  public func run(_ cases: [CorpusCase]) -> (records: [JobRecord], errors: [InputError]) {
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
    let jobs = configuration.matrix.jobs(caseCount: cases.count)
    var records: [JobRecord] = []
    records.reserveCapacity(jobs.count)
    let progress = ProgressLine(enabled: configuration.progress, total: jobs.count)
    for (n, job) in jobs.enumerated() {
      guard let obligations = compiled[job.caseIndex],
            let strategy = StrategyCatalog.named(job.strategy) else { continue }
      let c = cases[job.caseIndex]
      progress.update(done: n, label: "\(c.id) \(job.strategy)")
      let settings = configuration.settings(for: job)
      if job.repetition == 0 {
        for _ in 0..<configuration.matrix.warmup { _ = strategy.validate(obligations, settings: settings) }
      }
      let cpuBefore = Platform.cpuSeconds()
      let clock = Stopwatch()
      let verdict = strategy.validate(obligations, settings: settings)
      let seconds = clock.elapsedSeconds
      var record = JobRecord(job: job, caseID: c.id, verdict: verdict, expected: c.expected, seconds: seconds)
      record.cpuSeconds = Platform.cpuSeconds() - cpuBefore
      record.peakMemoryBytes = Platform.peakResidentMemoryBytes()
      record.tags = c.tags
      records.append(record)
    }
    progress.finish()
    return (records, errors)
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

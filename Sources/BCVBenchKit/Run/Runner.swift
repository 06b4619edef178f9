import BCVPlatform
import BCVValidation

/// Settings of one run that are not part of the matrix.
public struct RunConfiguration: Sendable {
  public var matrix: RunMatrix
  public var seed: UInt64
  public var timeLimit: Double?
  /// Deterministic work limits per obligation.
  public var budget = WorkBudget()
  public var confidence: Double
  /// Show a progress line on stderr (only ever on a terminal).
  public var progress: Bool
  /// The external solver for `smt` (used on what the built-in procedure leaves unknown) and
  /// for `smt-external` (default z3).
  public var smtSolver: ExternalSolver?
  /// The points sampling strategies draw: pseudo-random, Halton or Sobol.
  public var sequence: SampleSequence = .uniform
  /// The disk cache's folder for `warm` jobs (nil: memory only).
  public var cacheDirectory: String? = ".build/bcv-cache"
  /// Run each job in a child process of this executable; a crash, signal or hang becomes
  /// an `error` record instead of ending the run.
  public var isolate = false
  /// With `isolate`: the wall-clock deadline of one job's process (default: 3 × the time
  /// limit × 3 obligations + 10 s, or 600 s without a time limit).
  public var jobTimeout: Double?
  /// With `isolate`: the address-space cap of each job's process, in MiB.
  public var memoryLimitMB: Int?

  var effectiveJobTimeout: Double {
    jobTimeout ?? timeLimit.map { 9 * $0 + 10 } ?? 600
  }

  public init(matrix: RunMatrix = RunMatrix(), seed: UInt64 = 1, timeLimit: Double? = nil,
              confidence: Double = 0.99, progress: Bool = false) {
    self.matrix = matrix
    self.seed = seed
    self.timeLimit = timeLimit
    self.confidence = confidence
    self.progress = progress
  }

  /// The job's strategy with every setting that can change its answers: what its cache
  /// key, its results label and the gate's job identity derive from.
  public func strategyConfiguration(for job: Job) -> StrategyConfiguration {
    StrategyConfiguration(job.strategy, settings: settings(for: job))
  }

  func settings(for job: Job) -> StrategySettings {
    var s = StrategySettings()
    s.solver = smtSolver.map(SolverChoice.installed)
    s.samples = job.samples > 0 ? job.samples : (matrix.samples.first ?? s.samples)
    s.workers = job.workers
    s.seed = seed
    s.timeLimit = timeLimit
    budget.apply(to: &s)
    s.confidence = confidence
    s.sequence = sequence
    return s
  }
}

/// Runs every job of the matrix over the cases, in the matrix's fixed order.
///
/// Each case's obligations are built and compiled once and shared by its jobs; a job's
/// `seconds` is the wall time its strategy spent deciding the three obligations.
public struct Runner {
  public let configuration: RunConfiguration
  /// The cache `warm` jobs share.
  public let sharedCache: TwoLevelCache

  public init(configuration: RunConfiguration) {
    self.configuration = configuration
    sharedCache = TwoLevelCache(disk: configuration.cacheDirectory.map { DiskCache(directory: Self.buildFolder(in: $0), codec: .resultsJSON) })
  }

  /// Runs the plan's jobs over `cases` (indexed by `Job.caseIndex`). Returns the records in
  /// the plan's canonical job order, and the cases that could not be turned into obligations.
  public func run(_ cases: [CorpusCase], plan: RunPlan, journal: Journal? = nil,
                  completed: [Int: JobRecord] = [:]) -> (records: [JobRecord], errors: [InputError]) {
    var compiled: [[CompiledObligation]?] = []
    var fingerprints: [[String]] = []
    var errors: [InputError] = []
    let usesCache = plan.jobs.contains { $0.cache != .off }
    for c in cases {
      do {
        let obligations = try c.problem.obligations()
        compiled.append(obligations.map(CompiledObligation.init))
        fingerprints.append(usesCache ? obligations.map(\.fingerprint) : [])
      } catch let e {
        fingerprints.append([])
        errors.append(InputError(file: c.file, caseID: c.id, e.description))
        compiled.append(nil)
      }
    }
    // Warm-up runs first, untimed, in canonical order.
    for job in plan.jobs where job.repetition == 0 && job.warmup > 0 && !configuration.isolate {
      guard let obligations = compiled[job.caseIndex] else { continue }
      let strategy = configuration.strategyConfiguration(for: job)
      for _ in 0..<job.warmup {
        _ = execute(job, obligations, fingerprints[job.caseIndex], strategy)
      }
    }
    var slots = [JobRecord?](repeating: nil, count: plan.jobs.count)
    for (index, record) in completed where index < slots.count { slots[index] = record }
    let progress = ProgressLine(enabled: configuration.progress, total: plan.jobs.count)
    for (n, index) in plan.executionOrder.enumerated() where slots[index] == nil {
      // SIGINT/SIGTERM: stop between jobs; what is done is in the journal and returned.
      if Interruption.requested { break }
      let job = plan.jobs[index]
      guard let obligations = compiled[job.caseIndex] else { continue }
      let strategy = configuration.strategyConfiguration(for: job)
      let c = cases[job.caseIndex]
      progress.update(done: n, label: "\(c.id) \(job.strategy)")
      var record = configuration.isolate ? runIsolated(job, c, strategy) : runInProcess(job, c, obligations, fingerprints[job.caseIndex], strategy)
      record.tags = c.tags
      slots[index] = record
      do { try journal?.record(index: index, record) } catch {
        Platform.writeStderr("bcv-bench: warning: journal not written: \(error)\n")
      }
    }
    progress.finish()
    return (slots.compactMap { $0 }, errors)
  }

  /// A job whose execution takes less than this is timed over back-to-back executions,
  /// so that its time is not dominated by the clock's and the scheduler's granularity
  /// (measured: 60 µs jobs moved by ±30% between runs of one build when timed alone).
  static let minimumTimedSeconds = 0.002
  static let maximumTimingLoops = 1000

  func runInProcess(_ job: Job, _ c: CorpusCase, _ obligations: [CompiledObligation], _ fingerprints: [String],
                    _ strategy: StrategyConfiguration) -> JobRecord {
    // A warm job measures answers the cache already holds: it is primed by one untimed
    // execution, so its hits and counters are the same on a fresh machine as after many
    // runs, whatever an earlier run left in the disk folder.
    if job.cache == .warm { _ = execute(job, obligations, fingerprints, strategy) }
    var cpuBefore = Platform.cpuSeconds()
    let clock = Stopwatch()
    let (verdict, hits, misses) = execute(job, obligations, fingerprints, strategy)
    var seconds = clock.elapsedSeconds
    var loops = 1
    // A job too short to time alone is timed over back-to-back executions (answers and
    // counters come from the first, and are deterministic anyway); not for warm-cache
    // jobs, whose later executions would all be cache hits.
    if seconds < Self.minimumTimedSeconds && job.cache != .warm {
      loops = min(Self.maximumTimingLoops, Int((Self.minimumTimedSeconds / max(seconds, 1e-7)).rounded(.up)))
      cpuBefore = Platform.cpuSeconds()
      let batch = Stopwatch()
      for _ in 0..<loops { _ = execute(job, obligations, fingerprints, strategy) }
      seconds = batch.elapsedSeconds / Double(loops)
    }
    var record = JobRecord(job: job, strategy: strategy.label, caseID: c.id, verdict: verdict, expected: c.expected, seconds: seconds)
    record.timingLoops = loops
    record.cacheHits = hits
    record.cacheMisses = misses
    record.cpuSeconds = (Platform.cpuSeconds() - cpuBefore) / Double(loops)
    record.peakMemoryBytes = Platform.peakResidentMemoryBytes()
    return record
  }

  /// Runs the job in a child process (`bcv-bench run-job`). Anything but a record on its
  /// stdout — a crash, a signal, a hang past the deadline, a bad exit — is an `error`
  /// record saying why.
  func runIsolated(_ job: Job, _ c: CorpusCase, _ strategy: StrategyConfiguration) -> JobRecord {
    let spec = IsolatedJob(corpusFile: c.file, caseID: c.id, job: job, configuration: configuration)
    let arguments = ["run-job", "--job", JSONWriter.write(spec.json, pretty: false).trimmed]
    let outcome = Platform.run(Platform.executablePath, arguments: arguments, timeout: configuration.effectiveJobTimeout)
    if outcome.exitStatus == 0, let value = try? JSONParser.parse(outcome.stdout),
       var record = try? ResultsReader.record(value, key: "stdout", file: "run-job") {
      record.repetition = job.repetition
      return record
    }
    let reason: String
    if outcome.timedOut {
      reason = "killed after its \(Int(configuration.effectiveJobTimeout)) s deadline (hang)"
    } else if let signal = outcome.signal {
      reason = "crashed with \(Platform.signalName(signal))"
    } else {
      let tail = outcome.stderr.split(separator: "\n").last.map(String.init) ?? ""
      reason = "exited with status \(outcome.exitStatus ?? -1)" + (tail.isEmpty ? "" : ": \(tail)")
    }
    return JobRecord(caseID: c.id, strategy: strategy.label, samples: job.samples, workers: job.workers, cache: job.cache.rawValue,
                     repetition: job.repetition, verdict: .unknown, proof: false, violates: nil, counterexample: nil,
                     expected: c.expected?.verdict, outcome: .error, seconds: outcome.seconds, evaluations: 0, boxes: 0,
                     reason: reason, obligations: [])
  }

  /// Decides one job's obligations under its cache mode; returns the verdict and the cache
  /// hits and misses (zero with the cache off).
  func execute(_ job: Job, _ obligations: [CompiledObligation], _ fingerprints: [String],
               _ strategy: StrategyConfiguration) -> (Verdict, Int, Int) {
    switch job.cache {
    case .cold:
      return CachedValidation.validate(obligations, fingerprints: fingerprints, configuration: strategy, cache: MemoryCache())
    case .warm:
      return CachedValidation.validate(obligations, fingerprints: fingerprints, configuration: strategy, cache: sharedCache)
    case .off:
      return (strategy.make().validate(obligations, settings: strategy.settings), 0, 0)
    }
  }

  /// The disk cache's folder for this build: `<directory>/build-<hash of the executable's
  /// identity>`. The cache key names the obligation, strategy and settings but not the code
  /// that answered, so entries written by another build of bcv-bench (another sampling
  /// stream, another budget rule) must not be read as this build's answers; warm jobs are
  /// primed anyway, so a new build only pays one untimed execution per warm job.
  static func buildFolder(in directory: String) -> String {
    directory + "/build-" + String(SHA256.hex(of: Platform.executableIdentity).prefix(16))
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

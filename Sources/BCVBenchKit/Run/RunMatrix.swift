import BCVValidation

/// The run matrix: strategies × sample counts × worker counts × cache modes ×
/// repetitions, applied to every selected case.
public struct RunMatrix: Sendable, Hashable {
  public var strategies: [StrategyID] = [.sampling]
  public var samples: [Int] = [10_000]
  public var workers: [Int] = [1]
  public var cacheModes: [CacheMode] = [.off]
  public var repetitions: Int = 1
  /// Untimed runs of each job before the measured repetitions.
  public var warmup: Int = 0
  /// Further blocks of the matrix, each expanded like this one (a suite's `matrix` may be
  /// a list: e.g. a sample-count sweep for the sampling strategies and a worker sweep for
  /// the provers, without the full cross product). A cell in two blocks is an error.
  public var additionalBlocks: [RunMatrix] = []

  /// This block and the additional ones, each without further blocks.
  public var blocks: [RunMatrix] {
    var first = self
    first.additionalBlocks = []
    return [first] + additionalBlocks.flatMap(\.blocks)
  }

  public init() {}

  /// The limits on matrix values, checked wherever users give them.
  public static let maxSamples = 100_000_000
  public static let maxWorkers = 256
  public static let maxRepetitions = 1_000
}

/// One cell of the matrix for one case.
public struct Job: Sendable, Hashable {
  public var caseIndex: Int
  public var strategy: StrategyID
  public var samples: Int
  public var workers: Int
  public var cache: CacheMode
  public var repetition: Int
  /// Untimed runs before the first repetition (from the job's matrix block).
  public var warmup: Int = 0

  public init(caseIndex: Int, strategy: StrategyID, samples: Int, workers: Int, cache: CacheMode, repetition: Int, warmup: Int = 0) {
    self.caseIndex = caseIndex
    self.strategy = strategy
    self.samples = samples
    self.workers = workers
    self.cache = cache
    self.repetition = repetition
    self.warmup = warmup
  }
}

extension RunMatrix {
  /// The jobs in a fixed order: case, block, strategy, samples, workers, cache, repetition.
  /// Sample counts are swept only for strategies that use them; the others run once per
  /// cell with `samples` 0 (not applicable).
  public func jobs(caseCount: Int) -> [Job] {
    var jobs: [Job] = []
    for c in 0..<caseCount {
      for block in blocks { jobs += block.cellJobs(caseIndex: c) }
    }
    return jobs
  }

  /// This block's jobs for one case.
  func cellJobs(caseIndex c: Int) -> [Job] {
    var jobs: [Job] = []
    for s in strategies {
      let sweep = s.usesSamples ? samples : [0]
      for n in sweep {
        for w in workers {
          for mode in cacheModes {
            for r in 0..<repetitions {
              jobs.append(Job(caseIndex: c, strategy: s, samples: n, workers: w, cache: mode, repetition: r, warmup: warmup))
            }
          }
        }
      }
    }
    return jobs
  }

  /// Every problem with the matrix as a user gave it, or an empty list.
  public func validationErrors(source: String) -> [InputError] {
    var errors = blocks.count > 1 ? blocks.flatMap { $0.validationErrors(source: source) } : blockErrors(source: source)
    var seen = Set<String>()
    for job in jobs(caseCount: 1) where job.repetition == 0 {
      let key = "\(job.strategy.name)|\(job.samples)|\(job.workers)|\(job.cache.rawValue)"
      if !seen.insert(key).inserted {
        errors.append(InputError(file: source, key: "matrix", "the cell \(key) appears in more than one block"))
      }
    }
    return errors
  }

  func blockErrors(source: String) -> [InputError] {
    var errors: [InputError] = []
    func bad(_ key: String, _ message: String) { errors.append(InputError(file: source, key: key, message)) }
    if strategies.isEmpty { bad("strategies", "names no strategy") }
    if samples.isEmpty { bad("samples", "lists no sample count") }
    for n in samples where n < 1 || n > Self.maxSamples { bad("samples", "\(n) is outside 1...\(Self.maxSamples)") }
    if workers.isEmpty { bad("workers", "lists no worker count") }
    for w in workers where w < 1 || w > Self.maxWorkers { bad("workers", "\(w) is outside 1...\(Self.maxWorkers)") }
    if cacheModes.isEmpty { bad("cache", "lists no cache mode") }
    if repetitions < 1 || repetitions > Self.maxRepetitions { bad("repetitions", "\(repetitions) is outside 1...\(Self.maxRepetitions)") }
    if warmup < 0 || warmup > Self.maxRepetitions { bad("warmup", "\(warmup) is outside 0...\(Self.maxRepetitions)") }
    return errors
  }
}

import BCVNumerics

/// The jobs one run executes and the order it executes them in.
///
/// `jobs` is in canonical order (case, strategy, samples, workers, cache, repetition) and is
/// the order of the results rows. `executionOrder` interleaves the repetitions of different
/// jobs in a seeded random order, so slow drift of the machine (thermal, other load) spreads
/// over all jobs instead of landing on one; the same seed gives the same order.
public struct RunPlan: Sendable {
  public let jobs: [Job]
  public let executionOrder: [Int]

  public init(matrix: RunMatrix, caseCount: Int, shard: Shard?, seed: UInt64) {
    let all = matrix.jobs(caseCount: caseCount)
    var jobs: [Job] = []
    var cell = -1
    for job in all {
      if job.repetition == 0 { cell += 1 }
      if shard?.contains(cell: cell) ?? true { jobs.append(job) }
    }
    self.jobs = jobs
    var order = Array(jobs.indices)
    var rng = SeededGenerator(seed: seed, stream: 0x1E7E_A5ED)
    if order.count > 1 {
      for i in stride(from: order.count - 1, to: 0, by: -1) {
        order.swapAt(i, rng.nextInt(below: i + 1))
      }
    }
    executionOrder = order
  }

  /// A plan of exactly these jobs, run in the order given.
  public init(jobs: [Job]) {
    self.jobs = jobs
    executionOrder = Array(jobs.indices)
  }
}

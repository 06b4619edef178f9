import Foundation

/// Runs a `FusedSamplingPlan` on `settings.workers` threads and hands each obligation the
/// outcomes of its own chunks, in its own order (pieces in order, chunks in order).
///
/// Work stops early only for what cannot change an answer: once an obligation has a
/// confirmed counterexample at some position of its order, later chunks skip it (its
/// summary stops at its first confirmed chunk, and every chunk before that one always
/// runs, whoever runs it). A time limit stops the whole pass; its budget is the
/// per-obligation limit (`StrategySettings.timeLimit`) times the obligations it serves, as
/// for separate passes one after another.
enum FusedSamplingPass {
  /// Per obligation, its chunks' outcomes in summary order; a chunk the pass never ran
  /// because it stopped at the time limit is reported as timed out. The list ends at the
  /// first confirmed counterexample.
  static func run(_ plan: FusedSamplingPlan, settings: StrategySettings) -> [[ChunkOutcome]] {
    let busy = plan.usersOf.filter { !$0.isEmpty }.count
    let deadline = settings.timeLimit.map { Deadline(seconds: $0 * Double(max(1, busy))) }
    let settled = SettledPositions(count: plan.compiled.count)
    let results = ParallelChunks.run(
      count: plan.chunkIndex.count, workers: settings.workers,
      makeWorker: { FusedSamplingWorker(plan: plan, seed: settings.seed) },
      body: { worker, g -> (result: [ChunkOutcome?], stop: Bool) in
        let (b, chunk) = plan.chunkIndex[g]
        if deadline?.hasPassed == true {
          let users = plan.boxes[b].users
          return (users.map { _ in ChunkOutcome(timedOut: true) }, true)
        }
        let outcomes = worker.run(box: b, chunk: chunk) { u in
          settled.isSettled(u.obligation, before: u.firstPosition + chunk)
        }
        for (slot, o) in outcomes.enumerated() where o?.confirmed != nil {
          let u = plan.boxes[b].users[slot]
          settled.settle(u.obligation, at: u.firstPosition + chunk)
        }
        return (outcomes, false)
      })
    // Global chunk number of (box, chunk): boxes' chunks are consecutive.
    var firstChunk: [Int] = []
    var total = 0
    for box in plan.boxes {
      firstChunk.append(total)
      total += box.chunks
    }
    return plan.usersOf.map { users in
      var list: [ChunkOutcome] = []
      for (b, slot) in users {
        let u = plan.boxes[b].users[slot]
        for chunk in 0..<((u.count + FusedSamplingPlan.chunkSize - 1) / FusedSamplingPlan.chunkSize) {
          guard let outcomes = results[firstChunk[b] + chunk] else {
            list.append(ChunkOutcome(timedOut: true))  // skipped after the time limit
            return list
          }
          guard let o = outcomes[slot] else {
            preconditionFailure("chunk \(chunk) of box \(b) skipped a user before its first counterexample")
          }
          list.append(o)
          if o.confirmed != nil || o.timedOut { return list }
        }
      }
      return list
    }
  }
}

/// Per obligation, the lowest position at which a counterexample was confirmed so far.
private final class SettledPositions: @unchecked Sendable {
  private let lock = NSLock()
  private var lowest: [Int]

  init(count: Int) { lowest = Array(repeating: .max, count: count) }

  func isSettled(_ obligation: Int, before position: Int) -> Bool {
    lock.lock(); defer { lock.unlock() }
    return lowest[obligation] < position
  }

  func settle(_ obligation: Int, at position: Int) {
    lock.lock(); defer { lock.unlock() }
    lowest[obligation] = min(lowest[obligation], position)
  }
}

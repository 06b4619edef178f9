import Dispatch
import Foundation

/// Measurement hooks for `bcv-perf parallel`: what handing chunks of work to threads costs,
/// through `ParallelChunks` (the pooled threads) and through a plain
/// `DispatchQueue.concurrentPerform` per call (how `ParallelChunks` worked before the pool).
/// Each chunk is busy work of a fixed wall duration, so the figures isolate overhead.
public enum ParallelProbe {
  public enum Mechanism: String, Sendable, CaseIterable {
    case pool, concurrentPerform
  }

  /// Mean wall seconds per call of `count` chunks of about `chunkNanoseconds` each on
  /// `workers` threads, over `calls` back-to-back calls.
  public static func secondsPerCall(_ mechanism: Mechanism, count: Int, workers: Int, chunkNanoseconds: UInt64,
                                    calls: Int) -> Double {
    let start = Deadline.now()
    for _ in 0..<calls {
      switch mechanism {
      case .pool:
        _ = ParallelChunks.run(count: count, workers: workers, makeWorker: { () },
                               body: { _, k -> (result: Int, stop: Bool) in (spin(chunkNanoseconds) + k, false) })
      case .concurrentPerform:
        let cursor = Cursor()
        let threads = max(1, min(workers, count))
        let work = { (_: Int) in
          while cursor.next(limit: count) != nil { _ = spin(chunkNanoseconds) }
        }
        if threads == 1 {
          work(0)
        } else {
          let shared = UncheckedSendable(work)
          DispatchQueue.concurrentPerform(iterations: threads) { shared.value($0) }
        }
      }
    }
    return Double(Deadline.now() &- start) / 1e9 / Double(max(1, calls))
  }

  /// Busy-waits about `nanoseconds`; returns how many clock reads it took.
  private static func spin(_ nanoseconds: UInt64) -> Int {
    let end = Deadline.now() &+ nanoseconds
    var reads = 1
    while Deadline.now() < end { reads += 1 }
    return reads
  }

  private final class Cursor: @unchecked Sendable {
    private let lock = NSLock()
    private var index = 0
    func next(limit: Int) -> Int? {
      lock.lock(); defer { lock.unlock() }
      guard index < limit else { return nil }
      index += 1
      return index - 1
    }
  }
}

import Dispatch
import Foundation

/// Runs numbered chunks of work on a fixed number of threads and returns their results in
/// chunk order, so any reduction over them is independent of the worker count.
///
/// Early stop: a chunk may report that it found what the caller is looking for; chunks
/// numbered above the lowest such chunk may then be skipped (their result is `nil`). Every
/// chunk numbered below it always runs, so "the lowest chunk that found something" and
/// everything before it are the same for any number of workers.
enum ParallelChunks {
  static func run<Worker, Result>(
    count: Int, workers: Int,
    makeWorker: () -> Worker,
    body: (inout Worker, Int) -> (result: Result, stop: Bool)
  ) -> [Result?] {
    guard count > 0 else { return [] }
    let threads = max(1, min(workers, count))
    let slots = UnsafeMutableBufferPointer<Result?>.allocate(capacity: count)
    slots.initialize(repeating: nil)
    defer { slots.deinitialize(); slots.deallocate() }
    let state = ChunkState()
    withoutActuallyEscaping(makeWorker) { makeWorker in
      withoutActuallyEscaping(body) { body in
        let work = { (_: Int) in
          var worker = makeWorker()
          while let k = state.next(limit: count) {
            let (result, stop) = body(&worker, k)
            slots[k] = result
            if stop { state.stop(at: k) }
          }
        }
        if threads == 1 {
          work(0)
        } else {
          // Safe to share: `body` and `makeWorker` only read state the caller does not
          // mutate while this runs, each worker value stays on its thread, and each slot
          // is written by exactly one thread before concurrentPerform returns.
          let shared = UncheckedSendable(work)
          DispatchQueue.concurrentPerform(iterations: threads) { shared.value($0) }
        }
      }
    }
    return Array(slots)
  }
}

/// A value asserted, by the code that creates it, to be safe to share across threads.
struct UncheckedSendable<T>: @unchecked Sendable {
  let value: T
  init(_ value: T) { self.value = value }
}

/// The shared cursor: hands out chunk numbers in order and remembers the lowest stop.
private final class ChunkState: @unchecked Sendable {
  private let lock = NSLock()
  private var nextIndex = 0
  private var stopIndex = Int.max

  func next(limit: Int) -> Int? {
    lock.lock(); defer { lock.unlock() }
    guard nextIndex < limit, nextIndex <= stopIndex else { return nil }
    defer { nextIndex += 1 }
    return nextIndex
  }

  func stop(at k: Int) {
    lock.lock(); defer { lock.unlock() }
    stopIndex = min(stopIndex, k)
  }
}

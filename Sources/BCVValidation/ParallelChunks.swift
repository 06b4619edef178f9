import Dispatch
import Foundation

/// Runs numbered chunks of work on up to `workers` threads and returns their results in
/// chunk order, so any reduction over them is independent of the worker count.
///
/// Early stop: a chunk may report that it found what the caller is looking for; chunks
/// numbered above the lowest such chunk may then be skipped (their result is `nil`). Every
/// chunk numbered below it always runs, so "the lowest chunk that found something" and
/// everything before it are the same for any number of workers.
///
/// Threads: the calling thread always works; the other `workers − 1` come from
/// `WorkerPool.shared` (threads kept between calls, never started per call). Helpers that
/// are still polling after the previous call join at once; sleeping ones are woken only
/// once the call has run for `wakeAfterNanoseconds` with chunks left, so work too small to
/// pay for a wake-up stays on the calling thread. Which thread runs which chunk never
/// changes a result. A worker value is made (`makeWorker`) only by a thread that gets a
/// chunk.
enum ParallelChunks {
  /// Work shorter than this is not worth waking a sleeping helper for (a wake-up costs a
  /// system call on each side and tens of microseconds before the helper runs).
  static let wakeAfterNanoseconds: UInt64 = 50_000

  /// A chunk size for `items` independent items when results do not depend on how they are
  /// chunked: about `target` chunks (enough to balance several workers), each of
  /// `smallest ... largest` items (the per-chunk cost stays small against the work).
  static func chunkSize(items: Int, smallest: Int, largest: Int, target: Int = 32) -> Int {
    min(largest, max(smallest, (items + target - 1) / target))
  }

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
    if threads == 1 {
      var worker = makeWorker()
      for k in 0..<count {
        let (result, stop) = body(&worker, k)
        slots[k] = result
        if stop { break }
      }
      return Array(slots)
    }
    let state = ChunkState()
    withoutActuallyEscaping(makeWorker) { makeWorker in
      withoutActuallyEscaping(body) { body in
        // Safe to share: `body` and `makeWorker` only read state the caller does not
        // mutate while this runs, each worker value stays on its thread, each slot is
        // written by exactly one thread, and `perform` returns only after every helper
        // has finished.
        WorkerPool.shared.perform(helpers: threads - 1) { participant, session in
          var worker: Worker?
          let start = participant == 0 && session.canHaveHelpers ? Deadline.now() : 0
          var woken = participant != 0 || !session.canHaveHelpers
          while let k = state.next(limit: count) {
            if worker == nil { worker = makeWorker() }
            let (result, stop) = body(&worker!, k)
            slots[k] = result
            if stop { state.stop(at: k) }
            if !woken && Deadline.now() &- start >= wakeAfterNanoseconds {
              woken = true
              if state.hasMore(limit: count) { session.wake() }
            }
          }
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

  /// Whether chunks are left to hand out.
  func hasMore(limit: Int) -> Bool {
    lock.lock(); defer { lock.unlock() }
    return nextIndex < limit && nextIndex <= stopIndex
  }

  func stop(at k: Int) {
    lock.lock(); defer { lock.unlock() }
    stopIndex = min(stopIndex, k)
  }
}

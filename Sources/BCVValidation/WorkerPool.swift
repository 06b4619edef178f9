import BCVPlatform
import Foundation

/// Helper threads kept alive between parallel calls, so a call does not pay for starting
/// threads; the calling thread always takes part in its own call.
///
/// Guarantees:
/// - `perform(helpers:_:)` returns only after every helper that joined the call has
///   returned from `body`, and the pool keeps no reference to `body` after it returns
///   (so `body` may capture non-escaping closures through `withoutActuallyEscaping`).
/// - `body(0)` runs on the calling thread; helpers call `body(1)`, `body(2)`, … — each
///   participant index at most once per call, and helpers join only while the caller is
///   still inside `body(0)`. A call whose work the caller finishes alone never waits for a
///   helper: helpers that arrive late find the call closed and do not touch it.
/// - One call at a time uses the helpers: a call made while another is in flight (another
///   thread, or a nested call from inside `body`) runs `body(0)` alone. Callers must
///   therefore never depend on helpers joining — `ParallelChunks` hands out work through a
///   shared cursor, so the caller alone does everything that nobody else took.
///
/// Idle helpers first poll for a new call for `lingerNanoseconds` (back-to-back calls,
/// such as the waves of a branch-and-bound, then start without a wake-up), yielding their
/// core between looks, then sleep on a condition variable. `perform` wakes sleeping
/// helpers only when a participant calls `Session.wake`.
final class WorkerPool: @unchecked Sendable {
  static let shared = WorkerPool()
  /// How long an idle helper keeps polling before it sleeps.
  static let lingerNanoseconds: UInt64 = 200_000
  /// How often a polling helper looks for a new call.
  static let pollNanoseconds: UInt64 = 2_000
  /// The most helper threads the pool starts.
  static let maxHelpers = 63

  private final class Call {
    var body: ((Int) -> Void)?
    let helpers: Int
    var joined = 0
    var active = 0
    var closed = false
    init(body: @escaping (Int) -> Void, helpers: Int) {
      self.body = body
      self.helpers = helpers
    }
  }

  private let condition = NSCondition()
  private let finished = NSCondition()
  private var current: Call?
  private var generation: UInt64 = 0
  private var started = 0
  private var sleeping = 0

  /// Runs `body(0)` on this thread and lets up to `helpers` pooled threads join it (see the
  /// type's guarantees); every participant gets the call's `Session`.
  func perform(helpers: Int, _ body: @escaping (Int, Session) -> Void) {
    let wanted = min(max(0, helpers), Self.maxHelpers)
    condition.lock()
    guard wanted > 0, current == nil else {
      condition.unlock()
      body(0, Session(pool: nil))
      return
    }
    let call = Call(body: { _ in }, helpers: wanted)
    let session = Session(pool: self)
    call.body = { body($0, session) }
    current = call
    generation &+= 1
    while started < wanted {
      started += 1
      let thread = Thread { [unowned self] in self.helperLoop() }
      thread.stackSize = 8 << 20
      thread.start()
    }
    condition.unlock()

    body(0, session)

    condition.lock()
    call.closed = true
    current = nil
    condition.unlock()
    finished.lock()
    while call.active > 0 { finished.wait() }
    finished.unlock()
    call.body = nil
  }

  /// What a participant may ask of the pool during a call.
  struct Session {
    fileprivate let pool: WorkerPool?
    /// Wakes sleeping helpers so they join the current call (a system call when some
    /// sleep; nothing when all are polling). Cheap to call again.
    func wake() { pool?.wakeSleepers() }
    /// Whether helpers may join this call at all.
    var canHaveHelpers: Bool { pool != nil }
  }

  private func wakeSleepers() {
    condition.lock()
    if sleeping > 0 { condition.broadcast() }
    condition.unlock()
  }

  private func helperLoop() {
    var seen: UInt64 = 0
    while true {
      condition.lock()
      var call = joinable(seen)
      if call == nil {
        // Poll for a while without sleeping, then sleep until woken.
        condition.unlock()
        let until = Deadline.now() &+ Self.lingerNanoseconds
        while call == nil && Deadline.now() < until {
          // Look every `pollNanoseconds`, so polling does not keep the lock from callers,
          // yielding the core meanwhile to any thread waiting for it (a loaded machine).
          let next = Deadline.now() &+ Self.pollNanoseconds
          while Deadline.now() < next { Platform.yieldProcessor() }
          condition.lock()
          call = joinable(seen)
          if call == nil { condition.unlock() }
        }
        if call == nil {
          condition.lock()
          call = joinable(seen)
          while call == nil {
            sleeping += 1
            condition.wait()
            sleeping -= 1
            call = joinable(seen)
          }
        }
      }
      // Holding the lock, with a call to join.
      let c = call!
      seen = generation
      c.joined += 1
      let index = c.joined
      finished.lock()
      c.active += 1
      finished.unlock()
      condition.unlock()
      c.body!(index)
      finished.lock()
      c.active -= 1
      if c.active == 0 { finished.broadcast() }
      finished.unlock()
    }
  }

  /// The current call if this helper may join it (called with `condition` locked).
  private func joinable(_ seen: UInt64) -> Call? {
    guard let c = current, generation != seen, !c.closed, c.joined < c.helpers else { return nil }
    return c
  }
}

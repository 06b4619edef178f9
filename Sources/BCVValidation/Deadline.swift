import BCVPlatform

/// A wall-clock budget on the monotonic clock, checked cooperatively by strategies between
/// chunks of work. An infinite or absurd budget is clamped to a year, so the conversion
/// to nanoseconds cannot overflow.
struct Deadline: Sendable {
  let end: UInt64

  init(seconds: Double) {
    end = Deadline.now() &+ UInt64(min(max(0, seconds), 3.2e7) * 1e9)
  }

  var hasPassed: Bool { Deadline.now() >= end }

  /// The monotonic clock in nanoseconds (`Platform.monotonicNanoseconds`).
  static func now() -> UInt64 { Platform.monotonicNanoseconds() }
}

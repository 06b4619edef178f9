/// Measures elapsed wall time on the monotonic clock, which system clock changes do not
/// affect.
public struct Stopwatch: Sendable {
  private let start: UInt64

  /// A stopwatch started now.
  public init() {
    start = Platform.monotonicNanoseconds()
  }

  /// The seconds since this stopwatch was started.
  public var elapsedSeconds: Double {
    Double(Platform.monotonicNanoseconds() - start) * 1e-9
  }
}

/// A fixed, tiny CPU workload timed right before every job, so that the gate can tell a
/// slower build from a slower machine.
///
/// The machines this harness runs on (virtual, shared, frequency-scaled) change speed from
/// run to run by tens of percent, all jobs at once. The probe's code never changes with
/// the project (a chain of dependent floating-point operations, independent of every
/// strategy), so the ratio of the probe's median times in two runs measures the machines'
/// speed ratio alone, and the gate divides the candidate's times by it (see
/// `Comparator`). It takes about 20–50 µs.
public enum SpeedProbe {
  /// Iterations of the logistic map x ← 3.7·x·(1 − x): latency-bound, unvectorisable,
  /// and impossible to fold away (each value depends on the last).
  static let iterations = 8_000

  /// Seconds one probe took on this machine, now: the fastest of three tries, so that a
  /// single interruption does not count.
  public static func measure() -> Double {
    var best = Double.infinity
    var sink = 0.0
    for attempt in 0..<3 {
      let clock = Stopwatch()
      var x = 0.3 + Double(attempt) * 1e-3
      for _ in 0..<iterations { x = 3.7 * x * (1 - x) }
      best = min(best, clock.elapsedSeconds)
      sink += x
    }
    // Keep the result observable so the loop cannot be removed.
    if sink.isNaN { Platform.writeStderr("") }
    return best
  }
}

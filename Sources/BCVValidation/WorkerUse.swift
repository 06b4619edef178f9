/// Which strategies can spread one obligation's work over `StrategySettings.workers`
/// threads. Reports use it to say that a strategy cannot use a second worker instead of
/// showing a speedup of 1.0×.
public enum WorkerUse {
  /// Strategies that run on one thread whatever the worker count, with the reason.
  public static let singleThreaded: [String: String] = [
    "symbolic": "its exact Bernstein subdivision runs on one thread: the worker count does not change its work",
  ]

  /// Why `strategy` cannot use a second worker, or nil when it can.
  public static func whySingleThreaded(_ strategy: String) -> String? { singleThreaded[strategy] }
}

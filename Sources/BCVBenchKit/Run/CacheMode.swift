/// How a job uses the result cache.
public enum CacheMode: String, Sendable, Hashable, CaseIterable {
  /// No cache.
  case off
  /// Each job starts from an empty cache: the cost of misses and stores.
  case cold
  /// The shared two-level cache (memory, then the disk folder), primed by one untimed
  /// execution of the job, so a warm job's hits and counters do not depend on what earlier
  /// runs left on disk (answers that hit a time limit are never stored, so they stay misses).
  case warm

  public static var names: [String] { allCases.map(\.rawValue) }
}

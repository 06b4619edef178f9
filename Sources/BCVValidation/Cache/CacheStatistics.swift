/// What a cache level did: lookups answered and not, entries pushed out by the size
/// bounds, and entries found corrupt (detected by their checksum, ignored, recomputed).
public struct CacheStatistics: Sendable, Hashable {
  public var hits = 0
  public var misses = 0
  public var evictions = 0
  public var corrupt = 0
  public var stores = 0
  /// Stores that could not be written (a read-only or full disk): the run goes on with the
  /// answers uncached; `firstFailure` says why.
  public var failedStores = 0
  public var firstFailure: String?

  public init() {}

  public var hitRate: Double? {
    hits + misses > 0 ? Double(hits) / Double(hits + misses) : nil
  }
}

/// A store of obligation results by key. Implementations are safe to use from several
/// threads.
public protocol ResultCache: AnyObject, Sendable {
  func lookup(_ key: String) -> ObligationResult?
  func store(_ key: String, _ result: ObligationResult)
  /// Forgets everything (the `cold` cache mode starts from here).
  func removeAll()
  var statistics: CacheStatistics { get }
}

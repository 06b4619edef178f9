import Foundation

/// An in-memory least-recently-used cache bounded by entry count and by bytes (the size
/// of each entry's encoded text, a stable proxy for its memory). Storing past a bound
/// evicts least recently used entries first. Thread-safe.
public final class MemoryCache: ResultCache, @unchecked Sendable {
  public let maxEntries: Int
  public let maxBytes: Int
  private let lock = NSLock()
  private var entries: [String: (result: ObligationResult, bytes: Int, tick: UInt64)] = [:]
  private var order: [UInt64: String] = [:]
  private var tick: UInt64 = 0
  private var oldest: UInt64 = 0
  private var bytes = 0
  private var stats = CacheStatistics()

  public init(maxEntries: Int = 100_000, maxBytes: Int = 64 << 20) {
    precondition(maxEntries > 0 && maxBytes > 0, "cache bounds must be positive: \(maxEntries) entries, \(maxBytes) bytes")
    self.maxEntries = maxEntries
    self.maxBytes = maxBytes
  }

  public var statistics: CacheStatistics { lock.withLock { stats } }
  public var count: Int { lock.withLock { entries.count } }

  public func lookup(_ key: String) -> ObligationResult? {
    lock.withLock {
      guard let entry = entries[key] else {
        stats.misses += 1
        return nil
      }
      stats.hits += 1
      touch(key, entry)
      return entry.result
    }
  }

  public func store(_ key: String, _ result: ObligationResult) {
    let size = result.approximateBytes + key.utf8.count
    lock.withLock {
      if let old = entries.removeValue(forKey: key) {
        order[old.tick] = nil
        bytes -= old.bytes
      }
      guard size <= maxBytes else { return }
      tick += 1
      entries[key] = (result, size, tick)
      order[tick] = key
      bytes += size
      stats.stores += 1
      while entries.count > maxEntries || bytes > maxBytes { evictOldest() }
    }
  }

  public func removeAll() {
    lock.withLock {
      entries.removeAll()
      order.removeAll()
      bytes = 0
    }
  }

  private func touch(_ key: String, _ entry: (result: ObligationResult, bytes: Int, tick: UInt64)) {
    order[entry.tick] = nil
    tick += 1
    entries[key] = (entry.result, entry.bytes, tick)
    order[tick] = key
  }

  /// Amortised O(1): ticks only grow, so the scan for the oldest live tick resumes where
  /// the last one stopped.
  private func evictOldest() {
    while oldest <= tick {
      if let key = order.removeValue(forKey: oldest), let entry = entries.removeValue(forKey: key) {
        bytes -= entry.bytes
        stats.evictions += 1
        oldest += 1
        return
      }
      oldest += 1
    }
  }
}

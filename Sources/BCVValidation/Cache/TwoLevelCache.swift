/// Memory in front of disk: a lookup tries the memory LRU, then the disk folder (promoting
/// a disk hit into memory); a store writes both. Counters are kept per level; `statistics`
/// counts a lookup once — a hit at either level, or a miss at both.
public final class TwoLevelCache: ResultCache, @unchecked Sendable {
  public let memory: MemoryCache
  public let disk: DiskCache?

  public init(memory: MemoryCache = MemoryCache(), disk: DiskCache?) {
    self.memory = memory
    self.disk = disk
  }

  public func lookup(_ key: String) -> ObligationResult? {
    if let r = memory.lookup(key) { return r }
    guard let disk, let r = disk.lookup(key) else { return nil }
    memory.store(key, r)
    return r
  }

  public func store(_ key: String, _ result: ObligationResult) {
    memory.store(key, result)
    disk?.store(key, result)
  }

  public func removeAll() {
    memory.removeAll()
    disk?.removeAll()
  }

  public var statistics: CacheStatistics {
    let m = memory.statistics
    guard let d = disk?.statistics else { return m }
    var s = CacheStatistics()
    s.hits = m.hits + d.hits
    s.misses = d.misses
    s.evictions = m.evictions + d.evictions
    s.corrupt = d.corrupt
    s.stores = d.stores
    s.failedStores = d.failedStores
    s.firstFailure = d.firstFailure
    return s
  }
}

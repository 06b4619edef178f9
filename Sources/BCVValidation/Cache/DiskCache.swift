import BCVPlatform
import Foundation

/// A cache in a folder that outlives the process: one file per entry, bounded in total
/// size, safe with concurrent writers in other processes.
///
/// Guarantees: an entry is written by `AtomicFile` (a temporary file renamed into place),
/// so a reader sees a whole entry or none; every entry carries the SHA-256 of its key and body, so a
/// truncated, corrupted or misplaced file is detected, counted in `corrupt`, treated as a
/// miss and replaced on the next store — never trusted. When the folder grows past
/// `maxBytes`, the least recently used entries (by modification time, refreshed on every
/// hit) are deleted until it is under 90% of the bound.
public final class DiskCache: ResultCache, @unchecked Sendable {
  static let header = "bcv-cache/2"
  /// Entries are written atomically but not synced (`AtomicFile.Durability.unsynced`): an
  /// `fsync` of the entry and its folder cost 2–4 ms per entry on the 2-core machine class
  /// against 0.3 ms without, more than deciding a typical obligation, and would dominate
  /// the first pass of `warm` jobs. Nothing is lost by it: an entry that a power cut leaves
  /// empty or short fails its SHA-256 check and is a miss, recomputed and replaced.
  static let durability = AtomicFile.Durability.unsynced
  public let directory: String
  public let maxBytes: Int
  /// How entries' results are written (the harness's results encoding).
  public let codec: ResultCodec
  private let lock = NSLock()
  private var stats = CacheStatistics()
  private var approximateBytes: Int

  public init(directory: String, codec: ResultCodec, maxBytes: Int = 256 << 20) {
    precondition(maxBytes > 0, "maxBytes must be positive, got \(maxBytes)")
    self.directory = directory
    self.codec = codec
    self.maxBytes = maxBytes
    try? Platform.createDirectories(directory)
    approximateBytes = Self.entryFiles(in: directory).reduce(0) { $0 + $1.size }
  }

  public var statistics: CacheStatistics { lock.withLock { stats } }

  /// The file that holds the entry for `key` (whether or not it exists yet).
  public func path(for key: String) -> String {
    let h = SHA256.hex(of: key)
    return "\(directory)/\(h.prefix(2))/\(h).entry"
  }

  public func lookup(_ key: String) -> ObligationResult? {
    let file = path(for: key)
    guard let data = try? AtomicFile.read(file) else {
      lock.withLock { stats.misses += 1 }
      return nil
    }
    guard let result = parse(data, key: key) else {
      lock.withLock {
        stats.corrupt += 1
        stats.misses += 1
      }
      return nil
    }
    Platform.touch(file)
    lock.withLock { stats.hits += 1 }
    return result
  }

  public func store(_ key: String, _ result: ObligationResult) {
    let body = codec.encode(result)
    let text = "\(Self.header) \(SHA256.hex(of: key + "\n" + body))\n\(key)\n\(body)"
    do {
      try AtomicFile.write(text, to: path(for: key), durability: Self.durability)
    } catch {
      lock.withLock {
        stats.failedStores += 1
        if stats.firstFailure == nil { stats.firstFailure = "\(error)" }
      }
      return
    }
    let overBound = lock.withLock { () -> Bool in
      stats.stores += 1
      approximateBytes += text.utf8.count
      return approximateBytes > maxBytes
    }
    if overBound { evict() }
  }

  public func removeAll() {
    lock.withLock {
      Platform.removeTree(directory)
      try? Platform.createDirectories(directory)
      approximateBytes = 0
    }
  }

  /// Deletes least recently used entries until the folder is under 90% of `maxBytes`.
  private func evict() {
    var files = Self.entryFiles(in: directory)
    var total = files.reduce(0) { $0 + $1.size }
    files.sort { ($0.modified, $0.path) < ($1.modified, $1.path) }
    var evicted = 0
    for f in files where total > maxBytes * 9 / 10 {
      if Platform.removeFile(f.path) {
        total -= f.size
        evicted += 1
      }
    }
    lock.withLock {
      approximateBytes = total
      stats.evictions += evicted
    }
  }

  func parse(_ data: [UInt8], key: String) -> ObligationResult? {
    guard let text = String(validating: data, as: UTF8.self) else { return nil }
    let parts = text.split(separator: "\n", maxSplits: 2, omittingEmptySubsequences: false)
    guard parts.count == 3 else { return nil }
    let head = parts[0].split(separator: " ")
    guard head.count == 2, head[0] == Self.header, parts[1] == key else { return nil }
    let body = String(parts[2])
    guard SHA256.hex(of: key + "\n" + body) == head[1] else { return nil }
    return codec.decode(body)
  }

  /// Every entry file under `directory`, with its size and modification time.
  public static func entryFiles(in directory: String) -> [(path: String, size: Int, modified: Double)] {
    guard let files = try? Platform.listFiles(under: directory, withExtension: "entry") else { return [] }
    var result: [(String, Int, Double)] = []
    for full in files {
      guard let info = Platform.fileInfo(full) else { continue }  // evicted meanwhile
      result.append((full, info.size, info.modified))
    }
    return result
  }
}

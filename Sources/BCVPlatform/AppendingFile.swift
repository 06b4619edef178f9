import Glibc

/// A file open for appending whole lines (or any byte strings), each with one `write(2)`,
/// flushed to disk with `fsync` at most every `syncInterval` seconds and on `close`.
///
/// Guarantees: when `append` returns, the bytes are in the kernel's hands (a `kill -9` of
/// this process loses nothing already appended); they reach the disk by the first
/// `append` at least `syncInterval` seconds after the previous sync, or by `sync()` /
/// `close()` / deinit — so a power cut loses at most about `syncInterval` seconds of
/// appends, without paying a disk flush for every one. An append is one `write(2)` on a
/// file opened with `O_APPEND`, so concurrent appenders in other processes never
/// interleave inside one append; a short write is an error. Not safe for concurrent use
/// from several threads of one process without outside locking.
public final class AppendingFile: @unchecked Sendable {
  public let path: String
  /// The longest time, in seconds, appended bytes may wait for an `fsync`; 0 syncs every
  /// append.
  public let syncInterval: Double
  private var fd: Int32
  private var lastSync: UInt64

  /// Opens (creating it, mode 0644 less the umask, and its missing folders) the file at
  /// `path` for appending; `truncate` empties an existing file first.
  public init(path: String, truncate: Bool, syncInterval: Double = 1) throws(FileError) {
    self.path = path
    self.syncInterval = max(0, syncInterval)
    let folder = Platform.splitPath(path).directory
    try Platform.createDirectories(folder)
    let flags = O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC | (truncate ? O_TRUNC : 0)
    fd = open(path, flags, 0o644)
    guard fd >= 0 else { throw FileError.fromErrno(path) }
    lastSync = Platform.monotonicNanoseconds()
  }

  deinit {
    close()
  }

  /// Appends `bytes` with one `write(2)` (retried if a signal interrupts it before it
  /// writes anything), then syncs the file if the last sync is `syncInterval` old.
  public func append(_ bytes: [UInt8]) throws(FileError) {
    guard fd >= 0 else { throw FileError(path: path, reason: "append after close") }
    var written = -1
    repeat {
      written = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
    } while written < 0 && errno == EINTR
    guard written >= 0 else { throw FileError.fromErrno(path, "write") }
    guard written == bytes.count else { throw FileError(path: path, reason: "short write (\(written) of \(bytes.count) bytes)") }
    let now = Platform.monotonicNanoseconds()
    if Double(now &- lastSync) * 1e-9 >= syncInterval {
      try sync()
    }
  }

  /// Appends the UTF-8 bytes of `text` (see `append(_:)`).
  public func append(_ text: String) throws(FileError) {
    try append(Array(text.utf8))
  }

  /// Flushes everything appended so far to disk (`fsync`).
  public func sync() throws(FileError) {
    guard fd >= 0 else { return }
    guard fsync(fd) == 0 else { throw FileError.fromErrno(path, "fsync") }
    lastSync = Platform.monotonicNanoseconds()
  }

  /// Syncs and closes the file; later appends are errors. Closing twice does nothing.
  public func close() {
    guard fd >= 0 else { return }
    _ = fsync(fd)
    _ = Glibc.close(fd)
    fd = -1
  }
}

import Glibc

/// Whole-file reads and atomic whole-file writes.
///
/// The package's one atomic writer. A write goes to a temporary file in the target's
/// directory (named from the target, the process id and a random number, created
/// exclusively, so concurrent writers of one target never share a temporary file), is
/// flushed to disk with `fsync` (unless the caller asks for `.unsynced`), and is then
/// renamed over the target, after which the directory is synced too. Since `rename(2)`
/// replaces a name atomically, a reader never observes a partially written file: it sees
/// the old content or the new. If anything fails, the temporary file is removed and the
/// target is left untouched. Missing parent directories are created. New files get mode
/// 0644 less the umask. A symbolic link at the target path is itself replaced, not
/// followed.
public enum AtomicFile {
  /// Whether a write waits for the disk.
  public enum Durability: Sendable {
    /// `fsync` the file before the rename and its folder after it: the new content
    /// survives a power cut once `write` returns.
    case synced
    /// No `fsync`: still atomic for every reader (old or new content, never a mix), but a
    /// power cut shortly after may lose the new content or leave an empty file. For
    /// content that is checked on reading and cheap to recompute (cache entries).
    case unsynced
  }

  /// Atomically replaces (or creates) the file at `path` with the UTF-8 bytes of `text`.
  public static func write(_ text: String, to path: String, durability: Durability = .synced) throws(FileError) {
    try write(Array(text.utf8), to: path, durability: durability)
  }

  /// Atomically replaces (or creates) the file at `path` with `bytes`.
  public static func write(_ bytes: [UInt8], to path: String, durability: Durability = .synced) throws(FileError) {
    let (directory, name) = Platform.splitPath(path)
    guard !name.isEmpty else { throw FileError(path: path, reason: "not a file name") }
    try Platform.createDirectories(directory)
    let temporary = "\(directory)/.\(name).tmp-\(getpid())-\(String(UInt64.random(in: 0...UInt64.max), radix: 16))"
    let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
    guard fd >= 0 else { throw FileError.fromErrno(path, "cannot create temporary file") }
    do throws(FileError) {
      guard Platform.writeFully(fd, bytes) else { throw FileError.fromErrno(path, "write") }
      guard durability == .unsynced || fsync(fd) == 0 else { throw FileError.fromErrno(path, "fsync") }
    } catch {
      close(fd)
      unlink(temporary)
      throw error
    }
    guard close(fd) == 0 else {
      let failure = FileError.fromErrno(path, "close")
      unlink(temporary)
      throw failure
    }
    guard rename(temporary, path) == 0 else {
      let failure = FileError.fromErrno(path, "rename")
      unlink(temporary)
      throw failure
    }
    if durability == .synced { syncDirectory(directory) }
  }

  /// The whole content of the file at `path`. A file longer than `maxBytes` (default
  /// 64 MiB) is an error, "file larger than 64 MiB", and is not read into memory.
  public static func read(_ path: String, maxBytes: Int = 64 << 20) throws(FileError) -> [UInt8] {
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { throw FileError.fromErrno(path) }
    defer { close(fd) }
    var info = stat()
    guard fstat(fd, &info) == 0 else { throw FileError.fromErrno(path) }
    guard info.st_mode & S_IFMT != S_IFDIR else { throw FileError(path: path, reason: "is a directory") }
    let tooLarge = FileError(path: path, reason: "file larger than \(byteCount(maxBytes))")
    guard Int(info.st_size) <= maxBytes else { throw tooLarge }
    // Read to the end whatever the reported size (files in /proc report 0), one byte past
    // the limit at most.
    let limit = min(maxBytes, Int.max - 1)
    var result = [UInt8](repeating: 0, count: Int(info.st_size) + 1)
    var count = 0
    while true {
      if count == result.count {
        result.append(contentsOf: repeatElement(0, count: min(max(4096, count), limit + 1 - count)))
      }
      let space = result.count - count
      let n = result.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress! + count, space) }
      if n < 0 {
        if errno == EINTR { continue }
        throw FileError.fromErrno(path)
      }
      if n == 0 { break }
      count += n
      if count > limit { throw tooLarge }
    }
    result.removeSubrange(count...)
    return result
  }

  /// The content of the file at `path` as text; content that is not valid UTF-8 is an
  /// error naming the path. A byte order mark, if any, is kept.
  public static func readText(_ path: String, maxBytes: Int = 64 << 20) throws(FileError) -> String {
    let bytes = try read(path, maxBytes: maxBytes)
    guard let text = String(validating: bytes, as: UTF8.self) else {
      throw FileError(path: path, reason: "not valid UTF-8")
    }
    return text
  }

  // MARK: Helpers

  /// Flushes the directory entry of a rename to disk. Best effort: the rename is already
  /// visible to readers, and some file systems do not support syncing a directory.
  private static func syncDirectory(_ directory: String) {
    let fd = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    guard fd >= 0 else { return }
    _ = fsync(fd)
    close(fd)
  }

  /// "64 MiB" for whole mebibytes, else "N bytes".
  private static func byteCount(_ n: Int) -> String {
    n > 0 && n % (1 << 20) == 0 ? "\(n >> 20) MiB" : "\(n) bytes"
  }
}

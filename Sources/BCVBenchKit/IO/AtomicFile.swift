import Glibc

/// A file operation that failed: which path, and why (usually the system's errno text).
public struct FileError: Error, Sendable, Equatable, CustomStringConvertible {
  public let path: String
  public let reason: String

  public init(path: String, reason: String) {
    self.path = path
    self.reason = reason
  }

  /// For example "results/run.json: Permission denied".
  public var description: String { "\(path): \(reason)" }

  /// The error for `path` described by the current `errno`, optionally saying what failed.
  static func fromErrno(_ path: String, _ operation: String? = nil) -> FileError {
    let text = String(cString: strerror(errno))
    return FileError(path: path, reason: operation.map { "\($0): \(text)" } ?? text)
  }
}

/// Whole-file reads and atomic whole-file writes.
///
/// A write goes to a temporary file in the target's directory (named from the target, the
/// process id and a random number, created exclusively), is flushed to disk with `fsync`,
/// and is then renamed over the target. Since `rename(2)` replaces a name atomically, a
/// reader never observes a partially written file: it sees the old content or the new.
/// If anything fails, the temporary file is removed and the target is left untouched.
/// Missing parent directories are created. New files get mode 0644 less the umask. A
/// symbolic link at the target path is itself replaced, not followed.
public enum AtomicFile {
  /// Atomically replaces (or creates) the file at `path` with the UTF-8 bytes of `text`.
  public static func write(_ text: String, to path: String) throws(FileError) {
    try write(Array(text.utf8), to: path)
  }

  /// Atomically replaces (or creates) the file at `path` with `bytes`.
  public static func write(_ bytes: [UInt8], to path: String) throws(FileError) {
    let (directory, name) = split(path)
    guard !name.isEmpty else { throw FileError(path: path, reason: "not a file name") }
    try createDirectories(directory)
    let temporary = "\(directory)/.\(name).tmp-\(getpid())-\(String(UInt64.random(in: 0...UInt64.max), radix: 16))"
    let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
    guard fd >= 0 else { throw FileError.fromErrno(path, "cannot create temporary file") }
    do throws(FileError) {
      try writeAll(bytes, to: fd, path: path)
      guard fsync(fd) == 0 else { throw FileError.fromErrno(path, "fsync") }
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
    syncDirectory(directory)
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

  /// The directory part ("." when there is none) and the last component of `path`.
  private static func split(_ path: String) -> (directory: String, name: String) {
    guard let slash = path.lastIndex(of: "/") else { return (".", path) }
    let directory = String(path[..<slash])
    return (directory.isEmpty ? "/" : directory, String(path[path.index(after: slash)...]))
  }

  /// Creates `directory` and its missing ancestors, like `mkdir -p`.
  private static func createDirectories(_ directory: String) throws(FileError) {
    var info = stat()
    if stat(directory, &info) == 0 {
      guard info.st_mode & S_IFMT == S_IFDIR else {
        throw FileError(path: directory, reason: "not a directory")
      }
      return
    }
    // ENOTDIR: an ancestor is not a directory; the recursion reports which one.
    guard errno == ENOENT || errno == ENOTDIR else { throw FileError.fromErrno(directory) }
    let parent = split(directory).directory
    if parent != directory { try createDirectories(parent) }
    // Another process may create it between our stat and mkdir: that is success too.
    guard mkdir(directory, 0o755) == 0 || errno == EEXIST else {
      throw FileError.fromErrno(directory, "cannot create directory")
    }
  }

  private static func writeAll(_ bytes: [UInt8], to fd: Int32, path: String) throws(FileError) {
    var offset = 0
    while offset < bytes.count {
      let n = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + offset, bytes.count - offset) }
      if n < 0 {
        if errno == EINTR { continue }
        throw FileError.fromErrno(path, "write")
      }
      offset += n
    }
  }

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

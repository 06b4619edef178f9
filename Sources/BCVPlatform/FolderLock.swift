import Glibc

/// An exclusive claim on a folder by one process: an advisory `flock` on `<folder>/.bcv-lock`.
///
/// Guarantees: while a `FolderLock` lives, no other process acquires one on the same folder;
/// the kernel releases it when the holder exits, however it exits (even `kill -9`), so a
/// crashed run never leaves a stale lock. The lock file holds a one-line description of its
/// holder, which a refused caller gets back to name the other run.
public final class FolderLock: @unchecked Sendable {
  public let folder: String
  private let fd: Int32

  private init(folder: String, fd: Int32) {
    self.folder = folder
    self.fd = fd
  }

  deinit { close(fd) }

  public enum Outcome {
    case acquired(FolderLock)
    /// Another live process holds the folder; its description (may be empty).
    case heldBy(String)
  }

  /// Creates `folder` if needed and claims it for `description` (e.g. "bcv-bench run, pid
  /// 1234, started 2026-12-04 18:00:00").
  public static func acquire(_ folder: String, description: String) throws(FileError) -> Outcome {
    try Platform.createDirectories(folder)
    let path = folder + "/.bcv-lock"
    let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
    guard fd >= 0 else { throw FileError.fromErrno(path, "open") }
    guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
      let busy = errno == EWOULDBLOCK
      var bytes = [UInt8](repeating: 0, count: 512)
      let n = pread(fd, &bytes, bytes.count, 0)
      close(fd)
      guard busy else { throw FileError.fromErrno(path, "flock") }
      return .heldBy(n > 0 ? String(decoding: bytes[0..<n], as: UTF8.self).trimmingNewlines : "")
    }
    _ = ftruncate(fd, 0)
    let line = Array((description + "\n").utf8)
    _ = line.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
    return .acquired(FolderLock(folder: folder, fd: fd))
  }
}

extension String {
  fileprivate var trimmingNewlines: String {
    var s = Substring(self)
    while let last = s.last, last == "\n" || last == "\r" { s = s.dropLast() }
    return String(s)
  }
}

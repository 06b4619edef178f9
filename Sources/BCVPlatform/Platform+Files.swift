import Foundation
import Glibc

/// Files and folders: listing, existence, size and time, creation, removal, and finding
/// programs on `PATH`. Whole-file reads and atomic writes are `AtomicFile`; appending with
/// periodic `fsync` is `AppendingFile`.
extension Platform {
  /// Every file under the directory `path` (recursively) whose name ends in "." + `ext`
  /// (`ext` may be given with or without its dot), as `path` + "/" + relative path, sorted
  /// by UTF-8 bytes.
  ///
  /// Hidden entries (names starting with ".") are skipped. Symbolic links are followed, but
  /// a directory already visited is not entered again, so link cycles end. A directory
  /// that cannot be read is an error naming it.
  public static func listFiles(under path: String, withExtension ext: String) throws(FileError) -> [String] {
    let suffix = ext.hasPrefix(".") ? ext : "." + ext
    let root = path.count > 1 && path.hasSuffix("/") ? String(path.dropLast()) : path
    var info = stat()
    guard stat(root, &info) == 0 else { throw FileError.fromErrno(root) }
    guard isDirectoryMode(info.st_mode) else { throw FileError(path: root, reason: "not a directory") }
    var visited: Set<[UInt64]> = [[UInt64(info.st_dev), UInt64(info.st_ino)]]
    var pending = [root]
    var found: [String] = []
    while let directory = pending.popLast() {
      for name in try entries(of: directory) where !name.hasPrefix(".") {
        let child = directory == "/" ? "/" + name : directory + "/" + name
        guard stat(child, &info) == 0 else { continue }  // a dangling link
        if isDirectoryMode(info.st_mode) {
          if visited.insert([UInt64(info.st_dev), UInt64(info.st_ino)]).inserted { pending.append(child) }
        } else if name.hasSuffix(suffix) && name.count > suffix.count {
          found.append(child)
        }
      }
    }
    return found.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
  }

  /// Whether `path` names a directory (following symbolic links).
  public static func isDirectory(_ path: String) -> Bool {
    var info = stat()
    return stat(path, &info) == 0 && isDirectoryMode(info.st_mode)
  }

  /// Whether anything exists at `path` (following symbolic links).
  public static func fileExists(_ path: String) -> Bool {
    var info = stat()
    return stat(path, &info) == 0
  }

  /// The size in bytes and modification time (seconds since 1970, with nanoseconds) of
  /// the file at `path`, following symbolic links; nil if it cannot be examined.
  public static func fileInfo(_ path: String) -> (size: Int, modified: Double)? {
    var info = stat()
    guard stat(path, &info) == 0 else { return nil }
    return (Int(info.st_size), Double(info.st_mtim.tv_sec) + Double(info.st_mtim.tv_nsec) * 1e-9)
  }

  /// Sets the access and modification times of `path` to now. Returns false if it could
  /// not (for example, the file is gone).
  @discardableResult
  public static func touch(_ path: String) -> Bool {
    utimes(path, nil) == 0
  }

  /// Removes the file (not a folder) at `path`. Returns false if nothing was removed.
  @discardableResult
  public static func removeFile(_ path: String) -> Bool {
    unlink(path) == 0
  }

  /// Removes `path` and, if it is a folder, everything under it (symbolic links are
  /// removed, not followed). Returns false if something could not be removed or nothing
  /// was there.
  @discardableResult
  public static func removeTree(_ path: String) -> Bool {
    (try? FileManager.default.removeItem(atPath: path)) != nil
  }

  /// Creates `directory` and its missing ancestors, like `mkdir -p` (mode 0755 less the
  /// umask). An existing directory is success; an existing file in the way is an error
  /// naming it. Safe against another process creating the same folders at the same time.
  public static func createDirectories(_ directory: String) throws(FileError) {
    var info = stat()
    if stat(directory, &info) == 0 {
      guard isDirectoryMode(info.st_mode) else { throw FileError(path: directory, reason: "not a directory") }
      return
    }
    // ENOTDIR: an ancestor is not a directory; the recursion reports which one.
    guard errno == ENOENT || errno == ENOTDIR else { throw FileError.fromErrno(directory) }
    let parent = splitPath(directory).directory
    if parent != directory { try createDirectories(parent) }
    // Another process may create it between our stat and mkdir: that is success too.
    guard mkdir(directory, 0o755) == 0 || errno == EEXIST else {
      throw FileError.fromErrno(directory, "cannot create directory")
    }
  }

  /// The folder for temporary files: `TMPDIR` when set and not empty, else "/tmp".
  public static var temporaryDirectory: String {
    guard let value = environment("TMPDIR"), !value.isEmpty else { return "/tmp" }
    return value.count > 1 && value.hasSuffix("/") ? String(value.dropLast()) : value
  }

  /// The path of the first executable regular file named `name` in the folders of
  /// `PATH` (or "/usr/local/bin:/usr/bin:/bin" when `PATH` is unset), or nil. Empty
  /// entries of `PATH` are skipped; a `name` containing "/" is never looked up.
  public static func findExecutable(named name: String) -> String? {
    guard !name.isEmpty, !name.contains("/") else { return nil }
    let search = environment("PATH") ?? "/usr/local/bin:/usr/bin:/bin"
    for folder in search.split(separator: ":", omittingEmptySubsequences: true) {
      let candidate = String(folder) + (folder.hasSuffix("/") ? "" : "/") + name
      var info = stat()
      if stat(candidate, &info) == 0, info.st_mode & S_IFMT == S_IFREG, access(candidate, X_OK) == 0 {
        return candidate
      }
    }
    return nil
  }

  /// The folder part ("." when there is none, "/" for a file at the root) and the last
  /// component of `path`.
  static func splitPath(_ path: String) -> (directory: String, name: String) {
    guard let slash = path.lastIndex(of: "/") else { return (".", path) }
    let directory = String(path[..<slash])
    return (directory.isEmpty ? "/" : directory, String(path[path.index(after: slash)...]))
  }

  private static func isDirectoryMode(_ mode: mode_t) -> Bool {
    mode & S_IFMT == S_IFDIR
  }

  /// The names in `directory`, other than "." and "..".
  private static func entries(of directory: String) throws(FileError) -> [String] {
    guard let stream = opendir(directory) else { throw FileError.fromErrno(directory) }
    defer { closedir(stream) }
    var names: [String] = []
    while true {
      errno = 0
      guard let entry = readdir(stream) else {
        if errno != 0 { throw FileError.fromErrno(directory) }
        return names
      }
      let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
        String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
      }
      if name != "." && name != ".." { names.append(name) }
    }
  }
}

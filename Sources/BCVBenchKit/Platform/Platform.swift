import Foundation
import Glibc

/// The operating system behind one door: clocks, resource usage, the terminal, the
/// environment and the file system. Nothing else in the package calls Glibc for these.
public enum Platform {
  /// The peak resident set size of this process so far, in bytes (`getrusage`; Linux
  /// reports kibibytes).
  public static func peakResidentMemoryBytes() -> Int {
    Int(usage().ru_maxrss) * 1024
  }

  /// The CPU time this process has used, user plus system, in seconds (`getrusage`).
  public static func cpuSeconds() -> Double {
    let u = usage()
    return seconds(u.ru_utime) + seconds(u.ru_stime)
  }

  /// A reading of the monotonic clock in nanoseconds: only differences are meaningful,
  /// and they are never negative (`CLOCK_MONOTONIC`).
  public static func monotonicNanoseconds() -> UInt64 {
    var time = timespec()
    clock_gettime(CLOCK_MONOTONIC, &time)
    return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
  }

  /// Whether the file descriptor refers to a terminal.
  public static func isTerminal(_ fd: Int32) -> Bool {
    isatty(fd) == 1
  }

  /// The number of processors this process may run on.
  public static var processorCount: Int {
    ProcessInfo.processInfo.activeProcessorCount
  }

  /// The value of the environment variable `name`, or nil if it is not set.
  public static func environment(_ name: String) -> String? {
    getenv(name).map { String(cString: $0) }
  }

  /// The operating system name and release, for example "Linux 6.8.0-45-generic".
  public static var osDescription: String {
    let names = unameFields()
    return "\(names.sysname) \(names.release)"
  }

  /// The kernel's name and major.minor release, for example "Linux 6.18": what a machine
  /// class records. The full release string ("6.18.44-fc-v1252") changes with every
  /// rebuilt VM image of one machine class, so a baseline keyed on it would never have its
  /// times compared.
  public static var osFamily: String {
    let names = unameFields()
    let parts = names.release.split(whereSeparator: { !$0.isNumber }).prefix(2)
    return ([names.sysname] + [parts.joined(separator: ".")].filter { !$0.isEmpty }).joined(separator: " ")
  }

  /// The hardware name, for example "x86_64" or "aarch64".
  public static func hostMachine() -> String {
    unameFields().machine
  }

  /// Writes `s` to standard error at once (no buffering), retrying partial writes.
  public static func writeStderr(_ s: String) {
    let bytes = Array(s.utf8)
    var offset = 0
    while offset < bytes.count {
      let n = bytes.withUnsafeBytes { write(STDERR_FILENO, $0.baseAddress! + offset, bytes.count - offset) }
      if n < 0 && errno == EINTR { continue }
      guard n > 0 else { return }
      offset += n
    }
  }

  /// The current working directory, or "." if it cannot be determined.
  public static func currentDirectory() -> String {
    guard let pointer = getcwd(nil, 0) else { return "." }
    defer { free(pointer) }
    return String(cString: pointer)
  }

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

  // MARK: Helpers

  private static func usage() -> rusage {
    var u = rusage()
    getrusage(RUSAGE_SELF.rawValue, &u)
    return u
  }

  private static func seconds(_ t: timeval) -> Double {
    Double(t.tv_sec) + Double(t.tv_usec) * 1e-6
  }

  private static func isDirectoryMode(_ mode: mode_t) -> Bool {
    mode & S_IFMT == S_IFDIR
  }

  private static func unameFields() -> (sysname: String, release: String, machine: String) {
    var names = utsname()
    uname(&names)
    func text<T>(_ field: T) -> String {
      withUnsafeBytes(of: field) { raw in
        String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
      }
    }
    return (text(names.sysname), text(names.release), text(names.machine))
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

/// Measures elapsed wall time on the monotonic clock, which system clock changes do not
/// affect.
public struct Stopwatch: Sendable {
  private let start: UInt64

  /// A stopwatch started now.
  public init() {
    start = Platform.monotonicNanoseconds()
  }

  /// The seconds since this stopwatch was started.
  public var elapsedSeconds: Double {
    Double(Platform.monotonicNanoseconds() - start) * 1e-9
  }
}

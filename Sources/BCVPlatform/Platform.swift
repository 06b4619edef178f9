import Foundation
import Glibc

/// The operating system behind one door: clocks, resource usage, the terminal, the
/// environment, the machine's identity, files (`Platform+Files.swift`, `AtomicFile`,
/// `AppendingFile`) and child processes (`Platform+Process.swift`, `Platform+Run.swift`).
///
/// `BCVPlatform` is the only module that imports Glibc; every other module reaches the
/// operating system through it (and libm through `Libm`). A test
/// (`GlibcImportTests`) keeps it that way.
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
  @inlinable
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
  /// Makes a write past the file-size limit (`RLIMIT_FSIZE`, a quota) fail with EFBIG, an
  /// error the caller reports, instead of killing the process with SIGXFSZ halfway through
  /// writing its results. Call once at start-up.
  public static func reportFileSizeLimitAsError() {
    signal(SIGXFSZ, SIG_IGN)
  }

  /// This process's id.
  public static var processID: Int32 { getpid() }

  /// The wall-clock time as `2026-12-04 18:00:00 UTC`, for messages (never for measuring).
  public static func utcTimestamp() -> String {
    var now = time(nil)
    var parts = tm()
    gmtime_r(&now, &parts)
    var buffer = [CChar](repeating: 0, count: 32)
    let n = strftime(&buffer, buffer.count, "%Y-%m-%d %H:%M:%S UTC", &parts)
    return String(decoding: buffer[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
  }

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
    _ = writeFully(STDERR_FILENO, Array(s.utf8))
  }

  /// Writes all of `bytes` to the file descriptor `fd`, retrying partial writes and writes
  /// interrupted by a signal. Returns true when everything was written; on false, `errno`
  /// says why (a write that makes no progress is `EIO`).
  static func writeFully(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
    var offset = 0
    while offset < bytes.count {
      let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + offset, bytes.count - offset) }
      if n < 0 && errno == EINTR { continue }
      guard n > 0 else {
        if n == 0 { errno = EIO }
        return false
      }
      offset += n
    }
    return true
  }

  /// The current working directory, or "." if it cannot be determined.
  public static func currentDirectory() -> String {
    guard let pointer = getcwd(nil, 0) else { return "." }
    defer { free(pointer) }
    return String(cString: pointer)
  }

  /// Suspends the calling thread for at least `seconds` (negative: not at all), resuming
  /// after interruptions by signals until the whole time has passed.
  public static func sleep(seconds: Double) {
    guard seconds > 0 else { return }
    let clamped = min(seconds, 3.2e7)
    var request = timespec(tv_sec: Int(clamped), tv_nsec: Int((clamped - clamped.rounded(.down)) * 1e9))
    var remaining = timespec()
    while nanosleep(&request, &remaining) != 0 && errno == EINTR { request = remaining }
  }

  /// Gives up the processor to another runnable thread (`sched_yield`), for polling loops.
  @inlinable
  public static func yieldProcessor() {
    _ = sched_yield()
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
}

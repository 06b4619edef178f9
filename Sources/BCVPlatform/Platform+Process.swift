import Glibc

/// This process's identity and limits, and names of signals. Child processes are run by
/// `Platform.run` (`Platform+Run.swift`).
extension Platform {
  /// The path of the running executable (`/proc/self/exe`), for re-invoking ourselves.
  public static var executablePath: String {
    var buffer = [CChar](repeating: 0, count: 4096)
    let n = readlink("/proc/self/exe", &buffer, buffer.count - 1)
    if n > 0 { return String(decoding: buffer[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self) }
    return CommandLine.arguments.first ?? ""
  }

  /// An identity of the running build: the executable's path, size and modification time
  /// (nanoseconds). Every rebuild changes it; it costs one `stat`, not a hash of the binary.
  public static var executableIdentity: String {
    let path = executablePath
    var info = stat()
    guard stat(path, &info) == 0 else { return path }
    return "\(path)|\(info.st_size)|\(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec)"
  }

  /// Caps this process's address space (`RLIMIT_AS`), so a runaway allocation fails
  /// instead of exhausting the machine. Returns false if the limit could not be set.
  @discardableResult
  public static func limitAddressSpace(megabytes: Int) -> Bool {
    let bytes = rlim_t(megabytes) * 1024 * 1024
    var limit = rlimit(rlim_cur: bytes, rlim_max: bytes)
    return setrlimit(__rlimit_resource_t(RLIMIT_AS.rawValue), &limit) == 0
  }

  /// The name of a signal (`SIGSEGV`, …) for messages.
  public static func signalName(_ signal: Int32) -> String {
    switch signal {
    case SIGSEGV: return "SIGSEGV"
    case SIGABRT: return "SIGABRT"
    case SIGKILL: return "SIGKILL"
    case SIGTERM: return "SIGTERM"
    case SIGILL: return "SIGILL"
    case SIGTRAP: return "SIGTRAP"
    case SIGBUS: return "SIGBUS"
    case SIGFPE: return "SIGFPE"
    default: return "signal \(signal)"
    }
  }
}

import Foundation
import Glibc

/// How a child process ended.
public struct ProcessOutcome: Sendable {
  /// The exit status when it exited normally.
  public var exitStatus: Int32?
  /// The signal that ended it, when one did (including our own kill at the deadline).
  public var signal: Int32?
  /// Whether we killed it because it passed its deadline.
  public var timedOut: Bool
  public var stdout: String
  public var stderr: String
  public var seconds: Double
}

extension Platform {
  /// The path of the running executable (`/proc/self/exe`), for re-invoking ourselves.
  public static var executablePath: String {
    var buffer = [CChar](repeating: 0, count: 4096)
    let n = readlink("/proc/self/exe", &buffer, buffer.count - 1)
    if n > 0 { return String(decoding: buffer[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self) }
    return CommandLine.arguments[0]
  }

  /// An identity of the running build: the executable's path, size and modification time
  /// (nanoseconds). Every rebuild changes it; it costs one `stat`, not a hash of the binary.
  public static var executableIdentity: String {
    let path = executablePath
    var info = stat()
    guard stat(path, &info) == 0 else { return path }
    return "\(path)|\(info.st_size)|\(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec)"
  }

  /// Runs a program to completion or to its deadline. Both pipes are drained while it
  /// runs (no deadlock on large output). At the deadline it gets SIGTERM, then SIGKILL two
  /// seconds later; the call returns only after the child has been reaped (no zombies).
  public static func run(_ executable: String, arguments: [String], environment: [String: String]? = nil,
                         timeout: Double) -> ProcessOutcome {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    if let environment { process.environment = environment }
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = FileHandle.nullDevice
    let clock = Stopwatch()
    do { try process.run() } catch {
      return ProcessOutcome(exitStatus: nil, signal: nil, timedOut: false, stdout: "", stderr: "cannot start \(executable): \(error)",
                            seconds: 0)
    }
    let collected = PipeCollector(out: out, err: err)
    let group = DispatchGroup()
    group.enter()
    process.terminationHandler = { _ in group.leave() }
    var timedOut = false
    if group.wait(timeout: .now() + timeout) == .timedOut {
      timedOut = true
      process.terminate()
      if group.wait(timeout: .now() + 2) == .timedOut {
        kill(process.processIdentifier, SIGKILL)
        group.wait()
      }
    }
    let (stdout, stderr) = collected.finish()
    let signaled = process.terminationReason == .uncaughtSignal
    return ProcessOutcome(exitStatus: signaled ? nil : process.terminationStatus,
                          signal: signaled ? process.terminationStatus : nil, timedOut: timedOut,
                          stdout: stdout, stderr: stderr, seconds: clock.elapsedSeconds)
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

/// Reads a child's stdout and stderr on background threads until end of file.
private final class PipeCollector: @unchecked Sendable {
  private let group = DispatchGroup()
  private var outData = Data(), errData = Data()

  init(out: Pipe, err: Pipe) {
    group.enter()
    group.enter()
    DispatchQueue.global().async { [self] in
      outData = out.fileHandleForReading.readDataToEndOfFile()
      group.leave()
    }
    DispatchQueue.global().async { [self] in
      errData = err.fileHandleForReading.readDataToEndOfFile()
      group.leave()
    }
  }

  func finish() -> (String, String) {
    group.wait()
    return (String(decoding: outData, as: UTF8.self), String(decoding: errData, as: UTF8.self))
  }
}

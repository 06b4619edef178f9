import Dispatch
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs one external program with a wall-clock limit and collects its output.
///
/// - Both pipes are drained on their own threads while the program runs, so a program
///   that writes more than a pipe buffer never blocks (no deadlock on large outputs).
/// - On timeout the program gets SIGTERM, then SIGKILL after `killGrace` seconds; the
///   call returns only after the program has exited and been reaped (Foundation's
///   `Process` waits for it), so no zombie is left behind.
/// - Standard input is `/dev/null`.
struct SolverProcess {
  struct Output {
    var stdout: String
    var stderr: String
    var exitCode: Int32
    var timedOut: Bool
    var elapsed: Double
  }

  enum Failure: Error {
    case launch(String)
  }

  /// Seconds between SIGTERM and SIGKILL.
  static let killGrace = 1.0

  static func run(executable: String, arguments: [String], timeout: Double) throws(Failure) -> Output {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = FileHandle.nullDevice
    let exited = DispatchSemaphore(value: 0)
    process.terminationHandler = { _ in exited.signal() }
    let outReader = PipeReader(out.fileHandleForReading)
    let errReader = PipeReader(err.fileHandleForReading)
    let start = DispatchTime.now().uptimeNanoseconds
    do {
      try process.run()
    } catch {
      return try failLaunch(error, out, err)
    }
    // The parent's copies of the write ends must close, or the readers never see EOF.
    try? out.fileHandleForWriting.close()
    try? err.fileHandleForWriting.close()
    outReader.start()
    errReader.start()
    var timedOut = false
    if exited.wait(timeout: .now() + .nanoseconds(Int(min(timeout, 1e6) * 1e9))) == .timedOut {
      timedOut = true
      process.terminate()
      if exited.wait(timeout: .now() + .nanoseconds(Int(killGrace * 1e9))) == .timedOut {
        kill(process.processIdentifier, SIGKILL)
        exited.wait()
      }
    }
    process.waitUntilExit()
    let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    return Output(stdout: outReader.finish(), stderr: errReader.finish(),
                  exitCode: process.terminationStatus, timedOut: timedOut, elapsed: elapsed)
  }

  private static func failLaunch(_ error: Error, _ out: Pipe, _ err: Pipe) throws(Failure) -> Output {
    for handle in [out.fileHandleForReading, out.fileHandleForWriting,
                   err.fileHandleForReading, err.fileHandleForWriting] {
      try? handle.close()
    }
    throw .launch("\(error)")
  }
}

/// Reads a pipe to its end on a background thread.
private final class PipeReader: @unchecked Sendable {
  /// How long `finish` waits for end of file after the program has exited; only a
  /// descendant of the program still holding the pipe open could make it wait that long.
  static let drainLimit = 5.0
  private let handle: FileHandle
  private let done = DispatchSemaphore(value: 0)
  private let lock = NSLock()
  private var data = Data()

  init(_ handle: FileHandle) { self.handle = handle }

  func start() {
    Thread.detachNewThread { [self] in
      while true {
        let chunk = handle.availableData
        if chunk.isEmpty { break }
        lock.lock()
        data.append(chunk)
        lock.unlock()
      }
      done.signal()
    }
  }

  /// Waits for end of file (at most `drainLimit` seconds), then returns the text read so
  /// far (invalid UTF-8 repaired).
  func finish() -> String {
    if done.wait(timeout: .now() + .nanoseconds(Int(Self.drainLimit * 1e9))) == .success {
      try? handle.close()
    }
    lock.lock()
    defer { lock.unlock() }
    return String(decoding: data, as: UTF8.self)
  }
}

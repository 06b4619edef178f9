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
///   that writes more than a pipe buffer never blocks (no deadlock on large outputs);
///   the first `PipeReader.keepLimit` bytes of each are kept.
/// - On timeout the program gets SIGTERM, then SIGKILL after `killGrace` seconds.
///   Foundation's `Process` reaps it (no zombie is left once it has exited).
/// - Descendants of the program are not signalled; z3, cvc5 and dReal start none. If one
///   survives and keeps the program's pipes (or Foundation's exit monitor) open, the call
///   still returns, at most `reapLimit` + `PipeReader.drainLimit` seconds after the kill,
///   with the output read so far; Foundation reaps the program when the descendant exits.
/// - Standard input is `/dev/null`.
struct SolverProcess {
  struct Output {
    var stdout: String
    var stderr: String
    /// The exit status, or -1 when the program's exit could not be observed in time.
    var exitCode: Int32
    var timedOut: Bool
    var elapsed: Double
  }

  enum Failure: Error {
    case launch(String)
  }

  /// Seconds between SIGTERM and SIGKILL.
  static let killGrace = 1.0
  /// Seconds to wait for the exit to be observed after SIGKILL.
  static let reapLimit = 5.0

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
    func waitForExit(_ seconds: Double) -> Bool {
      exited.wait(timeout: .now() + .nanoseconds(Int(min(max(seconds, 0), 1e6) * 1e9))) == .success
    }
    var timedOut = false, observedExit = true
    if !waitForExit(timeout) {
      timedOut = true
      process.terminate()
      if !waitForExit(killGrace) {
        kill(process.processIdentifier, SIGKILL)
        observedExit = waitForExit(reapLimit)
      }
    }
    let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    let drainDeadline = DispatchTime.now() + .nanoseconds(Int(PipeReader.drainLimit * 1e9))
    let stdout = outReader.finish(by: drainDeadline), stderr = errReader.finish(by: drainDeadline)
    if observedExit { process.waitUntilExit() }
    return Output(stdout: stdout, stderr: stderr, exitCode: observedExit ? process.terminationStatus : -1,
                  timedOut: timedOut, elapsed: elapsed)
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
  /// How long to wait for end of file after the program has exited; only a descendant of
  /// the program still holding the pipe open could make it wait that long.
  static let drainLimit = 5.0
  /// Bytes kept per stream; the rest is read (so the program never blocks) and dropped.
  /// Answers and models come first and are far smaller.
  static let keepLimit = 4 << 20
  private let handle: FileHandle
  private let done = DispatchSemaphore(value: 0)
  private let lock = NSLock()
  private var data = Data()

  init(_ handle: FileHandle) { self.handle = handle }

  func start() {
    Thread.detachNewThread { [self] in
      while let chunk = try? handle.read(upToCount: 1 << 16), !chunk.isEmpty {
        lock.lock()
        if data.count < Self.keepLimit { data.append(chunk.prefix(Self.keepLimit - data.count)) }
        lock.unlock()
      }
      done.signal()
    }
  }

  /// Waits for end of file (at most until `deadline`), then returns the text read so far
  /// (invalid UTF-8 repaired).
  func finish(by deadline: DispatchTime) -> String {
    if done.wait(timeout: deadline) == .success {
      try? handle.close()
    }
    lock.lock()
    defer { lock.unlock() }
    return String(decoding: data, as: UTF8.self)
  }
}

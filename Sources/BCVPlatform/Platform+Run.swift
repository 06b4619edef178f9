import Foundation
import Glibc

/// How a child process ended, and what it wrote.
public struct ProcessOutcome: Sendable {
  /// The exit status when it exited normally; nil when a signal ended it, when it could
  /// not be started, or when its end could not be observed in time (see `Platform.run`).
  public var exitStatus: Int32?
  /// The signal that ended it, when one did (including our own kill at the deadline).
  public var signal: Int32?
  /// Whether we killed it because it passed its deadline.
  public var timedOut: Bool
  /// Why it could not be started, or nil when it was; `stderr` then says
  /// "cannot start <executable>: <why>".
  public var launchFailure: String?
  /// Standard output (at most `outputLimit` bytes of it; invalid UTF-8 repaired).
  public var stdout: String
  /// Standard error (at most `outputLimit` bytes of it; invalid UTF-8 repaired).
  public var stderr: String
  /// Wall-clock seconds from the start to the observed end (or to giving up on it).
  public var seconds: Double
}

extension Platform {
  /// Seconds between SIGTERM and SIGKILL for a program past its deadline.
  public static let killGrace = 1.0
  /// Seconds to wait for the end of a program to be observed after SIGKILL.
  static let reapLimit = 5.0
  /// Seconds to wait for end of file on the output pipes once the program has ended; only
  /// a descendant of the program still holding a pipe open makes it wait that long.
  static let drainLimit = 5.0

  /// Runs a program to completion or to its deadline: the package's one way to start a
  /// child process.
  ///
  /// - `arguments` are passed as they are (no shell). `environment` replaces this
  ///   process's environment when given.
  /// - Standard input is `standardInput` as UTF-8 when given (written on a background
  ///   thread, so a program that does not read it all never blocks us; a program that exits
  ///   without reading it does not raise SIGPIPE here), else `/dev/null`.
  /// - Both output pipes are drained on their own threads while the program runs, so a
  ///   program that writes more than a pipe buffer never blocks (no deadlock on large
  ///   output); the first `outputLimit` bytes of each are kept, the rest read and dropped.
  /// - After `timeout` seconds the program gets SIGTERM, then SIGKILL `killGrace` seconds
  ///   later. Once its end is observed it has been reaped (no zombie is left).
  /// - Descendants of the program are not signalled. If one survives and keeps the
  ///   program's pipes open, the call still returns, at most `reapLimit` + `drainLimit`
  ///   seconds after the kill, with the output read so far (`exitStatus` and `signal` nil
  ///   if even the end of the program itself could not be observed).
  /// - A program that cannot be started is an outcome too (`launchFailure`), not a crash.
  ///
  /// Memory caps are the child's own business: a program of this package caps itself
  /// with `limitAddressSpace(megabytes:)` before doing any work (`run-job --memory-limit`),
  /// which, unlike a limit set from outside after the start, has no window in which the
  /// child runs uncapped.
  public static func run(_ executable: String, arguments: [String], environment: [String: String]? = nil,
                         standardInput: String? = nil, timeout: Double,
                         outputLimit: Int = 64 << 20) -> ProcessOutcome {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    if let environment { process.environment = environment }
    let out = Pipe(), err = Pipe()
    let input = standardInput == nil ? nil : Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = input ?? FileHandle.nullDevice
    let exited = DispatchSemaphore(value: 0)
    process.terminationHandler = { _ in exited.signal() }
    let clock = Stopwatch()
    do {
      try process.run()
    } catch {
      for handle in [out.fileHandleForReading, out.fileHandleForWriting, err.fileHandleForReading,
                     err.fileHandleForWriting, input?.fileHandleForReading, input?.fileHandleForWriting] {
        try? handle?.close()
      }
      return ProcessOutcome(exitStatus: nil, signal: nil, timedOut: false, launchFailure: "\(error)", stdout: "",
                            stderr: "cannot start \(executable): \(error)", seconds: 0)
    }
    // The parent's copies of the child's ends must close, or the readers never see end of
    // file (and the child never sees the end of its input).
    try? out.fileHandleForWriting.close()
    try? err.fileHandleForWriting.close()
    if let input, let standardInput {
      try? input.fileHandleForReading.close()
      InputWriter.start(Array(standardInput.utf8), to: input.fileHandleForWriting)
    }
    let outReader = PipeReader(out.fileHandleForReading, keep: outputLimit)
    let errReader = PipeReader(err.fileHandleForReading, keep: outputLimit)
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
    let seconds = clock.elapsedSeconds
    let drainDeadline = DispatchTime.now() + .nanoseconds(Int(drainLimit * 1e9))
    let stdout = outReader.finish(by: drainDeadline), stderr = errReader.finish(by: drainDeadline)
    guard observedExit else {
      return ProcessOutcome(exitStatus: nil, signal: nil, timedOut: timedOut, launchFailure: nil, stdout: stdout,
                            stderr: stderr, seconds: seconds)
    }
    process.waitUntilExit()
    let signaled = process.terminationReason == .uncaughtSignal
    return ProcessOutcome(exitStatus: signaled ? nil : process.terminationStatus,
                          signal: signaled ? process.terminationStatus : nil, timedOut: timedOut, launchFailure: nil,
                          stdout: stdout, stderr: stderr, seconds: seconds)
  }
}

/// Reads a pipe to its end on a background thread, keeping the first `keep` bytes.
private final class PipeReader: @unchecked Sendable {
  private let handle: FileHandle
  private let keep: Int
  private let done = DispatchSemaphore(value: 0)
  private let lock = NSLock()
  private var data = Data()

  init(_ handle: FileHandle, keep: Int) {
    self.handle = handle
    self.keep = max(0, keep)
    Thread.detachNewThread { [self] in
      while let chunk = try? handle.read(upToCount: 1 << 16), !chunk.isEmpty {
        lock.withLock {
          if data.count < self.keep { data.append(chunk.prefix(self.keep - data.count)) }
        }
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
    return lock.withLock { String(decoding: data, as: UTF8.self) }
  }
}

/// Writes a child's standard input on a background thread, then closes it.
private enum InputWriter {
  /// SIGPIPE is blocked on the writing thread, so a child that exits without reading its
  /// input makes the write fail with EPIPE instead of killing this process; the pending
  /// signal is then consumed before the thread ends.
  static func start(_ bytes: [UInt8], to handle: FileHandle) {
    Thread.detachNewThread {
      var blocked = sigset_t()
      sigemptyset(&blocked)
      sigaddset(&blocked, SIGPIPE)
      pthread_sigmask(SIG_BLOCK, &blocked, nil)
      _ = Platform.writeFully(handle.fileDescriptor, bytes)  // a child that stops reading ends it
      try? handle.close()
      var none = timespec()
      _ = sigtimedwait(&blocked, nil, &none)  // consume a SIGPIPE the failed write raised
    }
  }
}

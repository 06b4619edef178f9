/// The exit status of `bcv-bench`, one per kind of outcome (documented in the README).
public enum ExitCode: Int32, Sendable, CaseIterable {
  /// Everything ran; no unsound answer; gates (if any) passed.
  case success = 0
  /// Accuracy: an unsound answer (a wrong proof or a wrong counterexample), or an accuracy
  /// regression against the baseline.
  case accuracyFailure = 1
  /// Bad input or usage: unknown flag, missing or malformed corpus/suite/baseline file.
  case badInput = 2
  /// Performance or cache regression against the baseline.
  case performanceRegression = 3
  /// Internal or infrastructure failure (cannot write results, a bug).
  case internalFailure = 4
  /// Interrupted by SIGINT or SIGTERM: the jobs done are written as partial results (and
  /// kept in the journal for `--resume`); 128 + SIGINT, as shells report it.
  case interrupted = 130
}

/// A mistake in how the command was called; printed with a pointer to `--help`.
public struct UsageError: Error, Sendable, CustomStringConvertible {
  public let message: String
  public let command: String
  public init(_ message: String, command: String) {
    self.message = message
    self.command = command
  }
  public var description: String { message }
  /// What stderr shows: the mistake, and the help of the command that was called.
  public var text: String {
    "bcv-bench: \(message)\nRun 'bcv-bench \(command.isEmpty ? "" : command + " ")--help' for usage.\n"
  }
}

/// A failure of ours or of the machine, not of the input.
public struct InternalFailure: Error, Sendable, CustomStringConvertible {
  public let message: String
  public init(_ message: String) { self.message = message }
  public var description: String { message }
}

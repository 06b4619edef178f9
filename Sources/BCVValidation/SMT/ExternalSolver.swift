import BCVPlatform
import Foundation

/// An SMT solver run as a subprocess on an `SMTLIB2` script.
///
/// Never required: `locate()` searches `PATH`, and when the program is missing `run`
/// answers `unavailable` instead of failing. Meaning of the answers for an `SMTLIB2`
/// script (the negation of an obligation on a piece):
/// - `unsat` from z3 or cvc5 (exact rational arithmetic) proves the piece; so does
///   dReal's `unsat` (up to dReal's rounding of constants to doubles, see `SMTLIB2`).
/// - `sat` (z3, cvc5) and `delta-sat` (dReal) come with a model, which is only a
///   candidate: callers must confirm it with `CounterexampleCheck` before reporting it.
///   A δ-sat answer is never a counterexample by itself.
public enum ExternalSolver: String, Sendable, Hashable, CaseIterable {
  case z3, cvc5, dreal

  /// The program name looked up on `PATH`.
  public var executableName: String { rawValue }

  /// Bytes of each output stream kept from a solver run; the rest is read (so the solver
  /// never blocks) and dropped. Answers and models come first and are far smaller.
  static let outputLimit = 4 << 20

  /// The dialect its scripts are written in.
  public var dialect: SMTLIB2.Dialect { self == .dreal ? .dreal : .standard }

  /// The path of the first executable `executableName` on `PATH`, or `nil`
  /// (`Platform.findExecutable`).
  public func locate() -> String? {
    Platform.findExecutable(named: executableName)
  }

  /// The command-line arguments to solve the script in file `path`.
  func arguments(scriptPath path: String) -> [String] {
    switch self {
    case .z3: return ["-smt2", path]
    case .cvc5: return ["--lang=smt2", "--produce-models", path]
    case .dreal: return [path]
    }
  }

  /// Runs the solver on `script` with a wall-clock limit of `timeout` seconds.
  ///
  /// The script goes through a temporary file (removed afterwards); the solver runs under
  /// `Platform.run` (SIGTERM at the limit, SIGKILL `Platform.killGrace` seconds later,
  /// both output streams drained while it runs, standard input `/dev/null`). The status is the
  /// first `sat`/`unsat`/`unknown`/`delta-sat` line of standard output; an `(error …)`
  /// before it, a crash or no status at all is `error` (z3, for instance, reports an
  /// unsupported function as an error and then goes on without that assertion, so any
  /// answer after an error is discarded). After `sat` or `delta-sat` the `(get-model)`
  /// output is parsed (see `ExternalSolverResult.model`).
  public func run(script: String, timeout: Double) -> ExternalSolverResult {
    guard let executable = locate() else {
      return ExternalSolverResult(status: .unavailable, elapsed: 0)
    }
    let tag = (0..<2).map { _ in String(UInt64.random(in: 0...UInt64.max), radix: 16) }.joined(separator: "-")
    let file = Platform.temporaryDirectory + "/bcv-smt-\(tag).smt2"
    do {
      try AtomicFile.write(script, to: file, durability: .unsynced)  // read once, then removed
    } catch {
      return ExternalSolverResult(status: .error("cannot write the script: \(error)"), elapsed: 0)
    }
    defer { Platform.removeFile(file) }
    let output = Platform.run(executable, arguments: arguments(scriptPath: file), timeout: timeout,
                              outputLimit: Self.outputLimit)
    if let why = output.launchFailure {
      return ExternalSolverResult(status: .error("cannot launch \(executable): \(why)"), elapsed: 0)
    }
    if output.timedOut {
      return ExternalSolverResult(status: .timeout, elapsed: output.seconds)
    }
    // A solver ended by a signal gives the signal's number as its exit code (the error
    // then reads "no answer (exit code 11)" for SIGSEGV).
    return ExternalSolverResult(stdout: output.stdout, stderr: output.stderr,
                                exitCode: output.exitStatus ?? output.signal ?? -1, elapsed: output.seconds)
  }
}

/// What an external solver answered.
public struct ExternalSolverResult: Sendable, Hashable {
  public enum Status: Sendable, Hashable, CustomStringConvertible {
    case sat
    case unsat
    /// dReal's answer: some point δ-satisfies the script. Not a counterexample.
    case deltaSat(delta: Double)
    case unknown
    case timeout
    /// The program is not on `PATH`.
    case unavailable
    case error(String)

    public var description: String {
      switch self {
      case .sat: return "sat"
      case .unsat: return "unsat"
      case .deltaSat(let d): return "delta-sat (δ = \(d))"
      case .unknown: return "unknown"
      case .timeout: return "timeout"
      case .unavailable: return "unavailable"
      case .error(let why): return "error: \(why)"
      }
    }
  }

  public var status: Status
  /// The model's values by symbol (without quoting bars), rounded to the nearest double.
  /// Only after `sat` or `delta-sat`; dReal's interval values give their midpoints.
  public var model: [String: Double] = [:]
  /// Symbols whose values could not be read as a number (z3's `root-obj` algebraic
  /// numbers, for instance): a model missing a variable cannot be checked.
  public var skippedModelValues: [String] = []
  /// Wall-clock seconds the solver ran.
  public var elapsed: Double

  public init(status: Status, model: [String: Double] = [:], skippedModelValues: [String] = [],
              elapsed: Double) {
    self.status = status
    self.model = model
    self.skippedModelValues = skippedModelValues
    self.elapsed = elapsed
  }

  /// Reads a finished solver's output: the status (the first `sat`, `unsat`, `unknown` or
  /// `delta-sat …` line of standard output; `error` if an `(error …)` line comes first or
  /// no status appears) and, after `sat` or `delta-sat`, the model (see `model`).
  public init(stdout: String, stderr: String, exitCode: Int32, elapsed: Double) {
    self.init(status: SolverOutput.status(stdout: stdout, stderr: stderr, exitCode: exitCode), elapsed: elapsed)
    switch status {
    case .sat, .deltaSat:
      let parsed = SolverOutput.model(in: stdout)
      model = parsed.values
      skippedModelValues = parsed.skipped
    default: break
    }
  }
}

extension ExternalSolver {
  /// The version the installed program reports (`z3 --version` → `4.13.0`), asked once per
  /// process; nil when the program is not on `PATH`. A program that answers with no
  /// recognisable version gives its first output line, so two builds still differ.
  public var installedVersion: String? {
    SolverVersions.shared.version(of: self)
  }

  /// The first word of `text` that looks like a version number (`4.13.0`, `v4.21.06.2` →
  /// `4.21.06.2`), else its first line.
  static func parseVersion(_ text: String) -> String {
    for word in text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" }) {
      let trimmed = word.drop { $0 == "v" || $0 == "V" }
      if let first = trimmed.first, first.isNumber, trimmed.contains("."),
         trimmed.allSatisfy({ $0.isNumber || $0 == "." || $0 == "-" }) {
        return String(trimmed)
      }
    }
    return text.split(separator: "\n").first.map { String($0).trimmingCharacters(in: .whitespaces) } ?? "unknown"
  }
}

/// The installed solvers' versions, asked once per process.
private final class SolverVersions: @unchecked Sendable {
  static let shared = SolverVersions()
  private let lock = NSLock()
  private var known: [ExternalSolver: String?] = [:]

  func version(of solver: ExternalSolver) -> String? {
    lock.lock()
    defer { lock.unlock() }
    if let cached = known[solver] { return cached }
    var version: String?
    if let path = solver.locate() {
      let output = Platform.run(path, arguments: ["--version"], timeout: 10, outputLimit: ExternalSolver.outputLimit)
      version = ExternalSolver.parseVersion(output.launchFailure == nil ? output.stdout + output.stderr : "")
    }
    known[solver] = .some(version)
    return version
  }
}

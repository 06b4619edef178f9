import Glibc

/// A file operation that failed: which path, and why (usually the system's errno text).
public struct FileError: Error, Sendable, Equatable, CustomStringConvertible {
  public let path: String
  public let reason: String

  public init(path: String, reason: String) {
    self.path = path
    self.reason = reason
  }

  /// For example "results/run.json: Permission denied".
  public var description: String { "\(path): \(reason)" }

  /// The error for `path` described by the current `errno`, optionally saying what failed.
  package static func fromErrno(_ path: String, _ operation: String? = nil) -> FileError {
    let text = String(cString: strerror(errno))
    return FileError(path: path, reason: operation.map { "\($0): \(text)" } ?? text)
  }
}

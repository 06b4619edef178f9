/// Why a text (JSON, CSV) was rejected, and where: 1-based line and column, the column
/// counted in characters (Unicode scalars) from the start of the line.
public struct TextParseError: Error, Sendable, Equatable, CustomStringConvertible {
  public let line: Int
  public let column: Int
  public let reason: String

  public init(line: Int, column: Int, reason: String) {
    self.line = line
    self.column = column
    self.reason = reason
  }

  /// For example "line 3, column 14: expected ',' or '}' after an object member".
  public var description: String { "line \(line), column \(column): \(reason)" }
}

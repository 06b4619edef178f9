/// Why an expression's text was rejected, and where.
///
/// `column` counts characters from 1 at the start of the expression text, so a message
/// such as `unexpected ')' at column 14` points at the offending character.
public struct ExprParseError: Error, Equatable, Sendable, CustomStringConvertible {
  public let column: Int
  public let reason: String

  public init(column: Int, reason: String) {
    self.column = column
    self.reason = reason
  }

  public var description: String { "\(reason) at column \(column)" }
}

/// Limits that keep hostile input from exhausting the stack, memory or time. Each is far
/// beyond what a barrier certificate needs; exceeding one is an input error, never a crash.
public struct ExprLimits: Sendable, Equatable {
  /// Maximum nesting depth of the expression tree (parentheses, operator chains, calls).
  public var maxDepth: Int
  /// Maximum length of the expression text, in characters.
  public var maxLength: Int
  /// Maximum absolute value of an integer exponent.
  public var maxExponent: Int
  /// Maximum bit length of a folded constant's numerator or denominator.
  public var maxConstantBits: Int

  public init(maxDepth: Int = 200, maxLength: Int = 100_000, maxExponent: Int = 1_000,
              maxConstantBits: Int = 100_000) {
    self.maxDepth = maxDepth
    self.maxLength = maxLength
    self.maxExponent = maxExponent
    self.maxConstantBits = maxConstantBits
  }

  public static let `default` = ExprLimits()
}

/// A closed interval of real numbers with `Double` endpoints, used as a guaranteed
/// enclosure: every operation on intervals returns an interval that contains the real
/// result of the operation for every choice of real points in the operands (inclusion
/// isotonicity), because endpoints are rounded outward (see `Interval+Rounding.swift`).
///
/// ## Values
/// - An ordinary interval has `lower <= upper`, neither NaN, `lower < +∞` and
///   `upper > -∞`. Infinite endpoints mean "unbounded on that side": `[0, +∞]` is the set
///   of non-negative reals. An interval never contains ±∞ itself.
/// - `empty` (no real number) is encoded as `lower = +∞, upper = -∞`, the only value with
///   `lower > upper`. Operations on an empty operand return `empty`.
/// - `undefined` ("possibly undefined") is encoded as `lower = upper = NaN`. It is the
///   result whenever some point of an operand lies outside an operation's domain (log of a
///   number ≤ 0, sqrt of a negative number, tan at a pole, ...). Every operation propagates
///   it, and it takes precedence over `empty`. Callers must read it as "cannot decide
///   here", never as a bound. `==` treats it as equal to itself.
public struct Interval: Hashable, Sendable, CustomStringConvertible {
  /// The lower endpoint: `+∞` when empty, NaN when possibly undefined.
  public let lower: Double
  /// The upper endpoint: `-∞` when empty, NaN when possibly undefined.
  public let upper: Double

  /// The interval `[lower, upper]`.
  ///
  /// - Precondition: neither endpoint is NaN, `lower <= upper`, `lower < +∞` and
  ///   `upper > -∞` (an interval is a set of real numbers; use `empty` or `undefined`
  ///   for the special values).
  @inlinable
  public init(_ lower: Double, _ upper: Double) {
    precondition(lower <= upper && lower < .infinity && upper > -.infinity,
                 "Interval(\(lower), \(upper)): need lower <= upper, lower < +inf, upper > -inf, no NaN")
    self.lower = lower
    self.upper = upper
  }

  /// The point interval `[point, point]`.
  ///
  /// - Precondition: `point` is finite (±∞ and NaN are not real numbers).
  @inlinable
  public init(_ point: Double) {
    precondition(point.isFinite, "Interval(\(point)): a point interval needs a finite value")
    self.lower = point
    self.upper = point
  }

  /// Builds an interval without checking the invariants; for results whose endpoints are
  /// correct by construction (including `empty` and `undefined`).
  @inlinable @inline(__always)
  init(uncheckedLower lower: Double, upper: Double) {
    self.lower = lower
    self.upper = upper
  }

  /// The point interval of a scalar operand, or `undefined` when the scalar is not a real
  /// number (NaN or ±∞). Used by the scalar forms of the operators.
  @inlinable @inline(__always)
  init(scalar s: Double) {
    if s.isFinite {
      self.init(uncheckedLower: s, upper: s)
    } else {
      self.init(uncheckedLower: .nan, upper: .nan)
    }
  }

  /// The empty set, encoded as `[+∞, -∞]`.
  public static let empty = Interval(uncheckedLower: .infinity, upper: -.infinity)
  /// All real numbers, `[-∞, +∞]`.
  public static let entire = Interval(uncheckedLower: -.infinity, upper: .infinity)
  /// "Possibly undefined": both endpoints NaN. See the type's documentation.
  public static let undefined = Interval(uncheckedLower: .nan, upper: .nan)

  // MARK: Classification

  /// True for the empty set (and false for `undefined`).
  @inlinable public var isEmpty: Bool { lower > upper }
  /// True when some point of an operand was outside an operation's domain.
  @inlinable public var isPossiblyUndefined: Bool { lower.isNaN }
  /// True for a single real number `[v, v]`.
  @inlinable public var isPoint: Bool { lower == upper }
  /// True when both endpoints are finite (false for empty and undefined).
  @inlinable public var isBounded: Bool { lower.isFinite && upper.isFinite && lower <= upper }
  /// True for `[-∞, +∞]`.
  @inlinable public var isEntire: Bool { lower == -.infinity && upper == .infinity }

  // MARK: Membership

  /// True when the real number `x` lies in the interval; false for non-finite `x` and for
  /// empty or undefined intervals.
  @inlinable
  public func contains(_ x: Double) -> Bool {
    lower <= x && x <= upper && x.isFinite
  }

  /// True when `other` is a subset of `self`. The empty set is a subset of every interval
  /// except `undefined`; `undefined` contains nothing and is contained in nothing.
  @inlinable
  public func contains(_ other: Interval) -> Bool {
    if isPossiblyUndefined || other.isPossiblyUndefined { return false }
    if other.isEmpty { return true }
    return lower <= other.lower && other.upper <= upper
  }

  // MARK: Measures

  /// `upper - lower` rounded up, so it is at least the true width. `0` for empty,
  /// `+∞` for undefined (nothing is known, so treat it as the widest).
  @inlinable
  public var width: Double {
    if isPossiblyUndefined { return .infinity }
    if isEmpty { return 0 }
    return Round.addUp(upper, -lower)
  }

  /// A point of the interval near its centre: always `lower <= midpoint <= upper`.
  /// `0` for `entire`, `-greatestFiniteMagnitude` for `[-∞, b]` and
  /// `+greatestFiniteMagnitude` for `[a, +∞]` (bisecting an unbounded interval makes
  /// slow progress; callers should bound their boxes). NaN for empty or undefined.
  @inlinable
  public var midpoint: Double {
    guard lower <= upper else { return .nan }
    if lower == -.infinity {
      return upper == .infinity ? 0 : -.greatestFiniteMagnitude
    }
    if upper == .infinity { return .greatestFiniteMagnitude }
    var m = 0.5 * (lower + upper)
    if !m.isFinite { m = 0.5 * lower + 0.5 * upper }  // lower + upper overflowed
    return Swift.min(Swift.max(m, lower), upper)
  }

  /// The two halves `[lower, midpoint]` and `[midpoint, upper]`; their union is `self`.
  /// A point, empty or undefined interval is returned twice.
  @inlinable
  public func bisected() -> (lower: Interval, upper: Interval) {
    guard lower < upper else { return (self, self) }
    let m = midpoint
    return (Interval(uncheckedLower: lower, upper: m), Interval(uncheckedLower: m, upper: upper))
  }

  /// The largest absolute value, `max |x|` (may be `+∞`). `0` for empty, `+∞` for
  /// undefined (an upper bound that is always safe).
  @inlinable
  public var magnitude: Double {
    if isPossiblyUndefined { return .infinity }
    if isEmpty { return 0 }
    return Swift.max(Swift.abs(lower), Swift.abs(upper))
  }

  /// The smallest absolute value, `min |x|`: `0` when the interval contains 0. `0` for
  /// empty and undefined (a lower bound that is always safe).
  @inlinable
  public var mignitude: Double {
    guard lower <= upper else { return 0 }
    if lower > 0 { return lower }
    if upper < 0 { return -upper }
    return 0
  }

  // MARK: Set operations

  /// The smallest interval containing both. `empty` is the identity; `undefined` wins.
  @inlinable
  public func hull(_ other: Interval) -> Interval {
    if isPossiblyUndefined || other.isPossiblyUndefined { return .undefined }
    return Interval(uncheckedLower: Swift.min(lower, other.lower),
                    upper: Swift.max(upper, other.upper))
  }

  /// The set intersection; `empty` when disjoint, `undefined` if either is undefined.
  @inlinable
  public func intersection(_ other: Interval) -> Interval {
    if isPossiblyUndefined || other.isPossiblyUndefined { return .undefined }
    let lo = Swift.max(lower, other.lower), hi = Swift.min(upper, other.upper)
    return lo <= hi ? Interval(uncheckedLower: lo, upper: hi) : .empty
  }

  // MARK: Predicates against a number
  //
  // `certainly…` holds for every point of the interval and is false for empty and
  // undefined intervals (nothing is certified without evidence). `possibly…` is the exact
  // negation of the opposite `certainly…` predicate, so it is true for empty and undefined.

  /// Every point is `<= c`.
  @inlinable public func certainlyLessThanOrEqual(_ c: Double) -> Bool { upper <= c && lower <= upper }
  /// Every point is `< c`.
  @inlinable public func certainlyLess(_ c: Double) -> Bool { upper < c && lower <= upper }
  /// Every point is `>= c`.
  @inlinable public func certainlyGreaterThanOrEqual(_ c: Double) -> Bool { lower >= c && lower <= upper }
  /// Every point is `> c`.
  @inlinable public func certainlyGreater(_ c: Double) -> Bool { lower > c && lower <= upper }
  /// Some point may be `<= c`: `!certainlyGreater(c)`.
  @inlinable public func possiblyLessThanOrEqual(_ c: Double) -> Bool { !certainlyGreater(c) }
  /// Some point may be `< c`: `!certainlyGreaterThanOrEqual(c)`.
  @inlinable public func possiblyLess(_ c: Double) -> Bool { !certainlyGreaterThanOrEqual(c) }
  /// Some point may be `>= c`: `!certainlyLess(c)`.
  @inlinable public func possiblyGreaterThanOrEqual(_ c: Double) -> Bool { !certainlyLess(c) }
  /// Some point may be `> c`: `!certainlyLessThanOrEqual(c)`.
  @inlinable public func possiblyGreater(_ c: Double) -> Bool { !certainlyLessThanOrEqual(c) }

  // MARK: Equality and text

  /// Endpoint equality, except that `undefined == undefined` (NaN endpoints would make it
  /// unequal to itself, which `Hashable` forbids). `-0.0` and `0.0` are equal endpoints.
  @inlinable
  public static func == (l: Interval, r: Interval) -> Bool {
    (l.lower == r.lower && l.upper == r.upper) || (l.lower.isNaN && r.lower.isNaN)
  }

  public func hash(into hasher: inout Hasher) {
    if isPossiblyUndefined {
      hasher.combine(UInt8(0xFF))
    } else {
      hasher.combine(lower)  // Double hashes -0.0 like 0.0, matching ==.
      hasher.combine(upper)
    }
  }

  /// `[lower, upper]` with shortest round-trip endpoints, `[empty]` or `[undefined]`.
  public var description: String {
    if isPossiblyUndefined { return "[undefined]" }
    if isEmpty { return "[empty]" }
    return "[\(lower), \(upper)]"
  }
}

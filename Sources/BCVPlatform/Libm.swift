#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The C library's mathematical functions on `Double` that the package uses, so that no
/// module but `BCVPlatform` imports Glibc.
///
/// Each is the system libm function itself: same result bit for bit, same (untrusted)
/// accuracy — interval code must still round outward around them. The wrappers are
/// `@inlinable` and `@inline(__always)`, so an optimised client calls libm directly, exactly
/// as if it had imported Glibc itself (checked in a release `bcv-perf`: no call to a `Libm`
/// member remains, and the direct calls to `sin`, `cos`, … are the same as before the
/// wrappers). Add a function here when the package needs another.
public enum Libm {
  @inlinable @inline(__always) public static func sin(_ x: Double) -> Double { _sin(x) }
  @inlinable @inline(__always) public static func cos(_ x: Double) -> Double { _cos(x) }
  @inlinable @inline(__always) public static func tan(_ x: Double) -> Double { _tan(x) }
  @inlinable @inline(__always) public static func atan(_ x: Double) -> Double { _atan(x) }
  @inlinable @inline(__always) public static func tanh(_ x: Double) -> Double { _tanh(x) }
  @inlinable @inline(__always) public static func exp(_ x: Double) -> Double { _exp(x) }
  @inlinable @inline(__always) public static func log(_ x: Double) -> Double { _log(x) }
  /// `x` to the power `y` (C `pow`).
  @inlinable @inline(__always) public static func pow(_ x: Double, _ y: Double) -> Double { _pow(x, y) }
}

// The calls to the C functions, under names that do not collide with `Libm`'s members.
@inlinable @inline(__always) func _sin(_ x: Double) -> Double { sin(x) }
@inlinable @inline(__always) func _cos(_ x: Double) -> Double { cos(x) }
@inlinable @inline(__always) func _tan(_ x: Double) -> Double { tan(x) }
@inlinable @inline(__always) func _atan(_ x: Double) -> Double { atan(x) }
@inlinable @inline(__always) func _tanh(_ x: Double) -> Double { tanh(x) }
@inlinable @inline(__always) func _exp(_ x: Double) -> Double { exp(x) }
@inlinable @inline(__always) func _log(_ x: Double) -> Double { log(x) }
@inlinable @inline(__always) func _pow(_ x: Double, _ y: Double) -> Double { pow(x, y) }

import BCVPlatform

/// Elementary functions over whole batches: `dst[k] = f(x[k])` for `k in 0..<count`; `dst`
/// and `x` must not overlap.
///
/// Each kernel is one loop over contiguous doubles with no calls and no branches in its body
/// (range reduction by round-to-nearest through a magic constant, quadrant and exponent handling
/// with integer bit operations and selects), so the release build vectorises it. The package
/// builds with the toolchain's default target (Package.swift sets no `-march`/`unsafeFlags`):
/// on x86-64 that is SSE2, two doubles per vector, no FMA; on arm64, NEON. The kernels use no
/// fused multiply-add, so a lane computes exactly what scalar code computes.
///
/// Arguments outside a kernel's stated range (including NaN and ±infinity) are recomputed one by
/// one with the C library in a second pass that runs only when the batch has such an argument;
/// the evaluator's domain conventions (NaN where an operation is undefined) are kept exactly.
///
/// Guarantees:
/// - Deterministic: a value depends only on its own argument, never on the batch size, its
///   position in the batch or the alignment of the buffers (the vector loop and its scalar
///   remainder perform the same IEEE operations in the same order).
/// - Error bounds, stated per kernel as the distance in units in the last place (ulp) from the C
///   library's result, are enforced by the `BatchMathAccuracy` tests on fixed-seed samples.
/// - Soundness does not rest on them: a candidate violation found in floating point is confirmed
///   exactly (`CounterexampleCheck`: rationals, or intervals, which do not use these kernels)
///   before it counts, so a kernel's error can cost a missed counterexample, never a reported
///   violation that is not one. The bounds are kept tight all the same (as tight as libm's
///   rounding, which sampling already lives with).
public enum BatchMath {
  /// 1.5 · 2⁵²: adding it to |y| < 2⁵¹ rounds y to the nearest integer (ties to even), whose
  /// two's-complement value then sits in the low bits of the sum's bit pattern.
  static var roundingShift: Double { 0x1.8p52 }

  /// Recomputes with `fallback` the points whose argument is not inside `[lower, upper]`
  /// (NaN included). Runs only when the kernel's loop flagged such a point.
  @inline(__always)
  static func fixUp(_ dst: UnsafeMutablePointer<Double>, _ x: UnsafePointer<Double>, _ count: Int,
                    lower: Double, upper: Double, _ fallback: (Double) -> Double) {
    for k in 0..<count where !(x[k] >= lower && x[k] <= upper) { dst[k] = fallback(x[k]) }
  }

  /// 1 where `v` lies outside `[lower, upper]` or is NaN, else 0: a select the vectoriser turns
  /// into a compare and a mask, accumulated with `|` so the loop keeps no branch.
  @inline(__always)
  static func outside(_ v: Double, _ lower: Double, _ upper: Double) -> UInt64 {
    (v >= lower && v <= upper) ? 0 : 1
  }
}

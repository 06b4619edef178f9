import Foundation

/// How values are printed on a chart's axis, in cells and in tooltips.
enum SVGValueFormat: Sendable, Hashable {
  /// Compact numbers: "0.5", "12.3k".
  case number
  /// Fractions in [0, 1] shown as percentages: "50%".
  case percent
  /// Durations in seconds with a unit: "12 ms".
  case seconds
  /// Ratios such as speedups: "1.9×".
  case ratio

  /// The text for `value`.
  func text(_ value: Double) -> String {
    switch self {
    case .number: ReportFormat.compact(value)
    case .percent: ReportFormat.percent(value)
    case .seconds: ReportFormat.seconds(value)
    case .ratio: ReportFormat.ratio(value)
    }
  }
}

/// How an axis maps values to positions.
enum SVGScaleKind: Sendable, Hashable {
  case linear
  /// Base-10 logarithmic; values at or below zero are drawn at the axis minimum.
  case logarithmic
}

/// A numeric axis: its domain widened to "nice" bounds, and the tick values inside it.
///
/// Guarantees: `low < high`; ticks are increasing, lie within `[low, high]`, and there are
/// at least two. Linear ticks step by 1, 2 or 5 × 10ᵏ (about five of them); logarithmic
/// ticks are powers of ten (with 2 and 5 × 10ᵏ added when the domain spans at most two
/// decades).
struct SVGScale {
  let kind: SVGScaleKind
  let low: Double
  let high: Double
  let ticks: [Double]

  /// A scale covering `values` (non-finite ones ignored), widened to include `include`
  /// (e.g. zero for bars), or exactly `fixed` when given. An empty input gets [0, 1]
  /// (linear) or [1, 10] (logarithmic); a single value is padded by half its magnitude
  /// (linear) or a decade each way (logarithmic).
  init(_ kind: SVGScaleKind, values: [Double], include: [Double] = [], fixed: ClosedRange<Double>? = nil) {
    self.kind = kind
    var data = (values + include).filter(\.isFinite)
    if kind == .logarithmic { data = data.filter { $0 > 0 } }
    var lo = fixed?.lowerBound ?? data.min() ?? (kind == .logarithmic ? 1 : 0)
    var hi = fixed?.upperBound ?? data.max() ?? (kind == .logarithmic ? 10 : 1)
    if kind == .logarithmic {
      lo = max(lo, Double.leastNormalMagnitude)
      hi = max(hi, lo)
    }
    if hi <= lo {
      if kind == .logarithmic { lo /= 10; hi *= 10 } else if lo == 0 { hi = 1 } else {
        let pad = lo.magnitude * 0.5
        lo -= pad
        hi += pad
      }
    }
    if kind == .linear {
      let step = Self.niceStep((hi - lo) / 5)
      if fixed == nil {
        lo = (lo / step).rounded(.down) * step
        hi = (hi / step).rounded(.up) * step
      }
      var t: [Double] = []
      var k = (lo / step).rounded(.up)
      while k * step <= hi + step * 1e-9 {
        t.append(k * step == 0 ? 0 : k * step)
        k += 1
      }
      ticks = t.count >= 2 ? t : [lo, hi]
    } else {
      let e0 = Self.log10(lo).rounded(.down), e1 = Self.log10(hi).rounded(.up)
      if fixed == nil {
        lo = Self.pow10(e0)
        hi = Self.pow10(max(e1, e0 + 1))
      }
      let multipliers: [Double] = e1 - e0 <= 2 ? [1, 2, 5] : [1]
      var t: [Double] = []
      var e = e0
      while e <= e1 {
        for m in multipliers {
          let v = m * Self.pow10(e)
          if v >= lo * (1 - 1e-12) && v <= hi * (1 + 1e-12) { t.append(v) }
        }
        e += 1
      }
      ticks = t.count >= 2 ? t : [lo, hi]
    }
    self.low = lo
    self.high = hi
  }

  /// Where `value` falls on the axis, from 0 (at `low`) to 1 (at `high`), clamped to [0, 1].
  func fraction(_ value: Double) -> Double {
    guard value.isFinite else { return 0 }
    let f: Double
    switch kind {
    case .linear: f = (value - low) / (high - low)
    case .logarithmic:
      guard value > 0 else { return 0 }
      f = (Self.log10(value) - Self.log10(low)) / (Self.log10(high) - Self.log10(low))
    }
    return min(1, max(0, f))
  }

  /// 1, 2 or 5 × 10ᵏ, the smallest such value at least `raw` (raw > 0).
  private static func niceStep(_ raw: Double) -> Double {
    guard raw > 0, raw.isFinite else { return 1 }
    let base = pow10(log10(raw).rounded(.down))
    for m in [1.0, 2, 5, 10] where m * base >= raw * (1 - 1e-9) { return m * base }
    return 10 * base
  }

  /// The base-10 logarithm of a positive finite `x`; 0 otherwise.
  static func log10(_ x: Double) -> Double {
    x.isFinite && x > 0 ? Foundation.log10(x) : 0
  }

  /// 10 raised to the integral power `e`.
  static func pow10(_ e: Double) -> Double {
    Foundation.pow(10, e.rounded())
  }
}

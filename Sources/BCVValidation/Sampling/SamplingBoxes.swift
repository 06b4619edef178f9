import BCVExpression
import BCVNumerics
import BCVPlatform

/// Where sampling draws one region piece's points, and how many (see `SamplingBoxes`).
public struct SamplingPiece: Sendable, Hashable {
  /// The piece's index in its obligation's region.
  public let piece: Int
  /// The box of doubles the points are drawn in: the contracted box, or the uncontracted
  /// one when contraction shrinks it too little to pay. Contains every double point of the piece.
  public let lower: [Double]
  public let upper: [Double]
  /// The piece's box of doubles contracted onto its constraints (inside `lower…upper`;
  /// contains every double point of the piece).
  public let contractedLower: [Double]
  public let contractedUpper: [Double]
  /// Points drawn in this piece.
  public let count: Int
}

extension SamplingStrategy {
  /// The sampling pieces of an obligation for `samples` points (pieces without a double
  /// point, or proved empty, are left out): where `sampling` draws, for inspection and tests.
  public static func samplingPieces(of compiled: CompiledObligation, samples: Int) -> [SamplingPiece] {
    SamplingBoxes.pieces(of: compiled, samples: samples).pieces
  }
}

/// Sampling boxes: each region piece's box contracted onto its constraints before drawing.
///
/// ## Guarantee
/// A piece's sampling box contains every double point of the piece: it is the largest
/// box of doubles inside the exact box (`Box.innerDoubleBounds`), intersected with the
/// piece's box contracted by `HC4Contractor` onto its constraints `h ≤ 0`, which is
/// outward-rounded and never removes a point of the set (nor a point where a constraint
/// is undefined). When contraction proves a piece empty it gets no samples, and when
/// every piece of a region is proved empty the region is empty (`provedEmpty`).
///
/// ## Which box is drawn in
/// Contraction only pays when it shrinks the box a lot: a piece whose box is shared with
/// other obligations (the domain box, typically, for X₀ given by constraints and for the
/// flow condition on X) is sampled in the same fused pass as they are, where its extra
/// cost is only the evaluation of its own constraints and expression, whereas its own
/// contracted box costs a pass of its own (drawing and evaluating every point again).
/// Measured on `../shared/bench/native.json` (10⁷ samples, one worker, CPU time per
/// point, same build): for the 2-D disks X₀ and Xᵤ (2.8% and 5.6% of the domain box by
/// bounding-box volume) one fused pass over the domain box took 19.0 ns against 37.5 ns
/// with a pass per contracted box; for the pendulum's disk X₀ 65.2 against 67.0 ns; for
/// the 4-D ball X₀ (its bounding box 0.39% of the domain box; Xᵤ has its own box anyway)
/// 34.7 against 42.6 ns. A pass of its own is never faster per point, so the rule is the
/// fastest per point: a piece keeps its uncontracted box, shared with every obligation
/// that uses the same box, unless its contracted box has at most `ownBoxVolumeRatio`
/// (0.1%) of that volume — thin sets, or small sets in high dimension, where a draw in the
/// shared box would almost never land in the set (at the default 10⁴ samples, fewer than
/// ten would). The price is the acceptance rate of small sets just above that ratio (the
/// 4-D ball accepts 0.12% of its draws in the shared box, 31% in its own), which the
/// results report per obligation.
///
/// "Samples per obligation" keeps its meaning either way: draws in that obligation's own
/// pieces' sampling boxes. Samples are spread over pieces in proportion to their
/// *contracted* volumes (the better estimate of each piece's size), at least one each.
enum SamplingBoxes {
  /// A piece is sampled in its contracted box when that box has at most this fraction of
  /// the uncontracted box's volume (see the type's documentation).
  static let ownBoxVolumeRatio = 1.0 / 1000

  /// The sampling pieces of an obligation (pieces without double points or proved empty
  /// are left out), and whether contraction proved the whole region empty.
  static func pieces(of compiled: CompiledObligation, samples: Int) -> (pieces: [SamplingPiece], provedEmpty: Bool) {
    let region = compiled.obligation.region
    var boxes: [(piece: Int, lower: [Double], upper: [Double], cl: [Double], cu: [Double], logVolume: Double)] = []
    var emptyPieces = 0
    let contractor = HC4Contractor(tape: compiled.tape)
    for (p, piece) in region.pieces.enumerated() {
      guard let inner = piece.box.innerDoubleBounds else { continue }
      var lower = inner.lower, upper = inner.upper
      var contractedLogVolume = logVolume(lower, upper)
      var contractedBox = (lower, upper)
      if !compiled.pieceConstraints[p].isEmpty {
        guard let contracted = contract(piece, p, compiled, contractor) else {
          emptyPieces += 1
          continue
        }
        var cl = lower, cu = upper
        var noDouble = false
        for v in 0..<lower.count {
          cl[v] = Swift.max(lower[v], contracted[v].lower)
          cu[v] = Swift.min(upper[v], contracted[v].upper)
          if !(cl[v] <= cu[v]) { noDouble = true }
        }
        if noDouble { continue }  // no double point of the set (as for a point box above)
        let fullLogVolume = contractedLogVolume
        contractedLogVolume = logVolume(cl, cu)
        contractedBox = (cl, cu)
        if fullLogVolume > -.infinity && contractedLogVolume <= Libm.log(ownBoxVolumeRatio) + fullLogVolume {
          lower = cl
          upper = cu
        }
      }
      boxes.append((p, lower.map(normalized), upper.map(normalized),
                    contractedBox.0.map(normalized), contractedBox.1.map(normalized), contractedLogVolume))
    }
    let provedEmpty = !region.pieces.isEmpty && emptyPieces == region.pieces.count
    let counts = UniformScale.proportionalCounts(samples, logVolumes: boxes.map(\.logVolume))
    let pieces = zip(boxes, counts).map { b, count in
      SamplingPiece(piece: b.piece, lower: b.lower, upper: b.upper, contractedLower: b.cl,
                    contractedUpper: b.cu, count: count)
    }
    return (pieces, provedEmpty)
  }

  /// The piece's exact box, outward-rounded, contracted onto `h ≤ 0` for each of its
  /// constraints; `nil` when contraction proves that no point satisfies them.
  static func contract(_ piece: RegionPiece, _ p: Int, _ compiled: CompiledObligation,
                       _ contractor: HC4Contractor) -> [Interval]? {
    let start = piece.box.bounds.map {
      Interval($0.lower.doubleEnclosure.lower, $0.upper.doubleEnclosure.upper)
    }
    let constraints = compiled.pieceConstraints[p].map {
      HC4Contractor.Constraint(output: $0, range: Interval(-.infinity, 0))
    }
    guard let box = contractor.contract(start, constraints: constraints).box else { return nil }
    // An undefined (NaN) side never narrows anything: keep the start's side.
    return zip(box, start).map { $0.lower.isNaN || $0.upper.isNaN ? $1 : $0 }
  }

  /// The logarithm of the box's volume (for weighting, never for proofs): overflow-free
  /// for 1e308-wide boxes, underflow-free for thin ones in many dimensions.
  static func logVolume(_ lower: [Double], _ upper: [Double]) -> Double {
    UniformScale.logVolume(lower: lower, upper: upper)
  }

  /// −0 as +0, so equal boxes have equal bit patterns (and so equal streams).
  static func normalized(_ x: Double) -> Double { x == 0 ? 0 : x }
}

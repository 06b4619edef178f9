import BCVExpression
import BCVNumerics

/// Branch-and-bound over the boxes of a polynomial obligation's pieces, exact throughout.
///
/// Each examined box (a sub-box of piece p, with the constraints of p not yet known to
/// hold on all of it):
/// 1. is discarded when some constraint's Bernstein minimum is > 0: the box misses the
///    region. A constraint whose Bernstein maximum is ≤ 0 holds on the whole box and is
///    dropped for it and its sub-boxes;
/// 2. is proved when g's Bernstein maximum is ≤ 0 (< 0 when strict): g then satisfies the
///    relation at every point of the box, so at every point of the region inside it;
/// 3. is tested at its corners (exact values read off the corner coefficients) and at its
///    split point (evaluated exactly): a point satisfying every constraint with g > 0
///    (g ≥ 0 when strict) is a certain counterexample, reported when its coordinates are
///    exactly doubles and `CounterexampleCheck.confirm` agrees;
/// 4. when it lies in the region and g violates on all of it (Bernstein minimum > 0, or
///    ≥ 0 when strict), is reported through any point of it that is a vector of doubles
///    — or, if it holds none, recorded as a violation that cannot be reported;
/// 5. is otherwise split across its widest side at that side's split point
///    (`DyadicPoints.splitPoint`), or left undecided when every side is narrower than the
///    minimum width.
///
/// A piece is settled before any box when `GlobalSignCheck` proves g ≤ 0 wherever one of
/// its constraints holds. `holds` is returned only when every piece was settled that way
/// or every box of it was discarded or proved, which covers the region.
///
/// Boxes are examined first in, first out, so the search spreads over the whole region
/// before refining any part deeply; the work is sequential, so the counters do not
/// depend on the worker count.
struct SymbolicSearch {
  /// A box waiting to be examined.
  struct Item {
    let piece: Int
    let bounds: [Bounds]
    /// Constraints of the piece not known to hold on the whole box.
    let active: [Int]
  }

  private enum BoxOutcome {
    case settled
    case violated(Counterexample)
    case split(Item, Item)
    case tooNarrow
  }

  let system: PolynomialObligation
  let compiled: CompiledObligation
  let maxBoxes: Int
  let maxCoefficients: Int
  /// Sides narrower than this are not split (0 when the setting is not a finite width).
  let minWidth: Rational
  let deadline: Deadline?

  /// Boxes examined.
  private(set) var boxes = 0
  /// Exact Bernstein coefficients computed (the work budget `maxCoefficients` counts).
  private(set) var coefficients = 0
  /// Exact point evaluations: split points tested and candidate points confirmed.
  private(set) var evaluations = 0
  private var queue: [Item] = []
  private var head = 0
  private var narrowVolume = 0.0
  private var narrowCount = 0
  /// A certain violation at a rational point that no vector of doubles equals.
  private var unreportedViolation: [Rational]?

  init(system: PolynomialObligation, compiled: CompiledObligation, settings: StrategySettings,
       deadline: Deadline?) {
    self.system = system
    self.compiled = compiled
    self.maxBoxes = settings.maxBoxes
    self.maxCoefficients = settings.maxCoefficients
    let width = settings.minWidth.isFinite ? Rational(exactly: max(0, settings.minWidth)) : nil
    self.minWidth = width ?? 0
    self.deadline = deadline
  }

  /// Runs the search to the end or to a budget: the obligation's status and, when it is
  /// unknown, the approximate fraction of the region's volume left undecided.
  mutating func run() -> (status: ObligationStatus, undecidedFraction: Double?) {
    queue = []
    head = 0
    for (index, piece) in system.pieces.enumerated() {
      let settled = piece.constraints.contains {
        GlobalSignCheck.provesNonPositive(system.expression, where: system.constraints[$0], strict: system.strict)
      }
      if !settled { queue.append(Item(piece: index, bounds: piece.bounds, active: piece.constraints)) }
    }
    while head < queue.count {
      if boxes >= maxBoxes { return stop(UnknownReason(.budget, "box budget of \(maxBoxes) exhausted")) }
      if coefficients >= maxCoefficients { return stop(UnknownReason(.budget, "work budget of \(maxCoefficients) exact coefficients exhausted")) }
      if deadline?.hasPassed == true { return stop(UnknownReason(.timeout, "timeout after \(boxes) boxes")) }
      let item = queue[head]
      head += 1
      if head >= 4096 && head * 2 >= queue.count {
        queue.removeFirst(head)
        head = 0
      }
      boxes += 1
      switch examine(item) {
      case .settled: continue
      case .violated(let counterexample): return (.violated(counterexample), nil)
      case .split(let lower, let upper):
        queue.append(lower)
        queue.append(upper)
      case .tooNarrow:
        narrowCount += 1
        narrowVolume += Box(bounds: item.bounds).approximateVolume
      }
    }
    if narrowCount == 0 && unreportedViolation == nil { return (.holds(proof: true), nil) }
    return stop(nil)
  }

  /// Unknown, with the reasons (the budget that stopped the search, if any, then what was
  /// left undecided) and the undecided fraction of the region's volume.
  private func stop(_ why: UnknownReason?) -> (status: ObligationStatus, undecidedFraction: Double?) {
    var reasons = why.map { [$0.detail] } ?? []
    if narrowCount > 0 { reasons.append("\(narrowCount) box(es) narrower than the minimum width left undecided") }
    if let point = unreportedViolation {
      let coordinates = point.map(\.description).joined(separator: ", ")
      reasons.append("violated at the exact point (\(coordinates)), which is not a vector of doubles")
    }
    let pending = queue[head...].reduce(0.0) { $0 + Box(bounds: $1.bounds).approximateVolume }
    let total = system.approximateVolume
    let undecided = pending + narrowVolume
    let fraction = total > 0 ? min(1, undecided / total) : 1
    return (.unknown(UnknownReason(why?.kind ?? (unreportedViolation != nil && narrowCount == 0 ? .roundOff : .budget),
                                   reasons.joined(separator: "; "))), fraction)
  }

  private func violates(_ value: Rational) -> Bool {
    violates(sign: value.signum())
  }

  /// Whether a value with this sign (−1, 0, 1) violates the relation.
  private func violates(sign: Int) -> Bool {
    system.strict ? sign >= 0 : sign > 0
  }

  private mutating func examine(_ item: Item) -> BoxOutcome {
    var active: [Int] = []
    var activeExpansions: [BernsteinExpansion] = []
    for c in item.active {
      let expansion = BernsteinExpansion(system.constraints[c], over: item.bounds)
      coefficients += expansion.coefficientCount
      if expansion.minimumSign > 0 { return .settled }
      if expansion.maximumSign > 0 {
        active.append(c)
        activeExpansions.append(expansion)
      }
    }
    let g = BernsteinExpansion(system.expression, over: item.bounds)
    coefficients += g.coefficientCount
    if !violates(sign: g.maximumSign) { return .settled }
    if active.isEmpty && violates(sign: g.minimumSign) { return wholeBoxViolated(item) }

    if let counterexample = testCorners(of: item, g: g, constraints: activeExpansions) {
      return .violated(counterexample)
    }
    let point = item.bounds.map(DyadicPoints.splitPoint)
    if let counterexample = test(point, piece: item.piece, active: active) {
      return .violated(counterexample)
    }

    var axis = 0
    for i in item.bounds.indices where width(item.bounds[i]) > width(item.bounds[axis]) { axis = i }
    let widest = width(item.bounds[axis])
    if widest.isZero || widest < minWidth { return .tooNarrow }
    var lower = item.bounds, upper = item.bounds
    lower[axis] = Bounds(item.bounds[axis].lower, point[axis])
    upper[axis] = Bounds(point[axis], item.bounds[axis].upper)
    return .split(
      Item(piece: item.piece, bounds: lower, active: active),
      Item(piece: item.piece, bounds: upper, active: active))
  }

  private func width(_ b: Bounds) -> Rational { b.upper - b.lower }

  /// Every point of the box lies in the region and violates: reports a point of the box
  /// that is exactly a vector of doubles (the split point, else the least such point),
  /// or, when the box holds none, the split point itself (exact).
  private mutating func wholeBoxViolated(_ item: Item) -> BoxOutcome {
    var point = item.bounds.map(DyadicPoints.splitPoint)
    if DyadicPoints.exactDoubles(point) == nil, let inner = Box(bounds: item.bounds).innerDoubleBounds,
       inner.lower.allSatisfy(\.isFinite) {
      point = inner.lower.map { Rational(exactly: $0)! }
    }
    if let counterexample = report(point, piece: item.piece) { return .violated(counterexample) }
    return .settled
  }

  /// The corners where g violates and every active constraint holds, read off the
  /// corner coefficients (which are the exact values there); skipped above 10 variables.
  private mutating func testCorners(of item: Item, g: BernsteinExpansion,
                                    constraints: [BernsteinExpansion]) -> Counterexample? {
    let n = item.bounds.count
    guard n <= 10 else { return nil }
    for mask in 0..<(1 << n) {
      let atUpper = (0..<n).map { mask & (1 << $0) != 0 }
      guard violates(sign: g.cornerSign(atUpper: atUpper)),
            constraints.allSatisfy({ $0.cornerSign(atUpper: atUpper) <= 0 }) else { continue }
      let corner = (0..<n).map { atUpper[$0] ? item.bounds[$0].upper : item.bounds[$0].lower }
      if let counterexample = report(corner, piece: item.piece) { return counterexample }
    }
    return nil
  }

  /// Evaluates g and the active constraints exactly at `point` (a point of the box; the
  /// other constraints hold on the whole box) and reports a violation found there.
  private mutating func test(_ point: [Rational], piece: Int, active: [Int]) -> Counterexample? {
    evaluations += 1
    for c in active where system.constraints[c].evaluate(at: point).signum() > 0 { return nil }
    guard violates(system.expression.evaluate(at: point)) else { return nil }
    return report(point, piece: piece)
  }

  /// A certain violation at an exact point of piece `piece` (every caller has shown it
  /// exactly), returned at once: at the point itself when it is a vector of doubles; else
  /// at its nearest doubles when they violate too (checked exactly); else at the exact
  /// rational point, with its rounded coordinates for display. A confirmed violation is
  /// never left as `unknown`, whatever budget remains.
  private mutating func report(_ point: [Rational], piece: Int) -> Counterexample? {
    if let doubles = DyadicPoints.exactDoubles(point) {
      evaluations += 1
      if let confirmed = CounterexampleCheck.confirm(doubles, piece: piece, in: compiled) { return confirmed }
    }
    let nearest = point.map(\.doubleValue)
    if nearest.allSatisfy(\.isFinite), let confirmed = CounterexampleCheck.confirm(nearest, piece: piece, in: compiled) {
      return confirmed
    }
    let value = system.expression.evaluate(at: point)
    guard violates(value) else {
      if unreportedViolation == nil { unreportedViolation = point }
      return nil
    }
    return Counterexample(point: nearest, value: value.doubleValue, confirmation: .exactRational, exactPoint: point)
  }
}

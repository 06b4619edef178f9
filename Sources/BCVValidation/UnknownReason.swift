/// Why a strategy left an obligation undecided. Programs read the `kind` (the cache, the
/// gate, `auto`); the `detail` is for people and is never parsed back.
public struct UnknownReason: Sendable, Hashable, CustomStringConvertible {
  public enum Kind: String, Sendable, Hashable, CaseIterable {
    /// The wall-clock limit stopped the work: the answer depends on the machine's speed.
    case timeout
    /// A deterministic work budget (boxes, coefficients, minimum width, rounds) ran out.
    case budget
    /// The strategy does not handle this obligation (e.g. `symbolic` on `sin`).
    case notApplicable = "not-applicable"
    /// A violation seen in floating point lies within round-off and could not be confirmed.
    case roundOff = "round-off"
    /// The expression is undefined (NaN) at a point examined.
    case undefined
    /// No sample landed in the region.
    case noSamples = "no-samples"
    /// A box on which every constraint holds up to δ remains (`smt`).
    case deltaSat = "delta-sat"
    /// An external solver the strategy needed is not installed here.
    case solverUnavailable = "solver-unavailable"
    /// An external solver answered neither `unsat` nor a confirmed model (unknown, error,
    /// an unconfirmed model).
    case solverInconclusive = "solver-inconclusive"
    /// Several strategies or pieces were undecided for different reasons.
    case undecided
  }

  public var kind: Kind
  /// The explanation for people: where, how much work, which box.
  public var detail: String

  public init(_ kind: Kind, _ detail: String) {
    self.kind = kind
    self.detail = detail
  }

  public var description: String { detail }

  /// Whether this answer depends on the machine's speed (a time limit was reached).
  public var dependsOnTime: Bool { kind == .timeout }

  /// Several reasons (of a portfolio's members, or of an answer's parts) as one: the details
  /// joined by `; `, the kind `timeout` if any part timed out (the whole then depends on the
  /// machine), else the common kind, else `undecided`.
  public static func combining(_ reasons: [UnknownReason]) -> UnknownReason {
    let kinds = Set(reasons.map(\.kind))
    let kind: Kind = kinds.contains(.timeout) ? .timeout : (kinds.count == 1 ? kinds.first! : .undecided)
    return UnknownReason(kind, reasons.map(\.detail).joined(separator: "; "))
  }

  /// The same reason with `prefix` before its detail (`interval: …`).
  public func prefixed(_ prefix: String) -> UnknownReason {
    UnknownReason(kind, prefix + detail)
  }
}

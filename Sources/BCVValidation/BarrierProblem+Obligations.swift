import BCVExpression
import BCVNumerics

/// Why a problem could not be turned into obligations.
public enum ObligationError: Error, Equatable, Sendable, CustomStringConvertible {
  case tooManyPieces(set: String, limit: Int)

  public var description: String {
    switch self {
    case .tooManyPieces(let set, let limit):
      return "the \(set) set expands to more than \(limit) pieces (nested anyOf)"
    }
  }
}

extension BarrierProblem {
  /// Ḃ = ∇B·f for continuous time; ΔB = B(f(x)) − B(x) for discrete time.
  public var certificateChange: Expr {
    switch time {
    case .continuous: return certificate.lieDerivative(along: dynamics)
    case .discrete: return certificate.substituting(dynamics) - certificate
    }
  }

  /// The three obligations, in the order initial, unsafe, flow, as the format's
  /// Conditions table defines them (sets intersected with the domain, taken as closures):
  ///
  /// | kind        | initial          | unsafe           | flow                                  |
  /// |-------------|------------------|------------------|---------------------------------------|
  /// | standard    | B ≤ 0 on X₀      | −B < 0 on Xᵤ     | Ḃ ≤ 0 on X                            |
  /// | levelset    | B − c1 ≤ 0 on X₀ | c2 − B ≤ 0 on Xᵤ | Ḃ ≤ 0 on X ∩ {c1 − B ≤ 0, B − c2 ≤ 0} |
  /// | exponential | B ≤ 0 on X₀      | −B < 0 on Xᵤ     | Ḃ − λB ≤ 0 on X                       |
  public func obligations(maxPieces: Int = 4096) throws(ObligationError) -> [Obligation] {
    let n = dimension
    func region(_ set: StateSet, _ name: String) throws(ObligationError) -> Region {
      guard let r = Region.of(set, within: domain, dimension: n, maxPieces: maxPieces) else {
        throw .tooManyPieces(set: name, limit: maxPieces)
      }
      return r
    }
    let initialRegion = try region(initial, "initial")
    let unsafeRegion = try region(unsafe, "unsafe")
    var flowRegion = try region(StateSet(), "domain")
    let B = certificate
    let change = certificateChange
    let initialExpr: Expr, unsafeExpr: Expr, flowExpr: Expr
    var unsafeStrict = true
    switch condition {
    case .standard:
      initialExpr = B
      unsafeExpr = -B
      flowExpr = change
    case .levelSet(let c1, let c2):
      initialExpr = B - .constant(c1)
      unsafeExpr = .constant(c2) - B
      unsafeStrict = false
      flowExpr = change
      let band = [Expr.constant(c1) - B, B - .constant(c2)]
      flowRegion = Region(pieces: flowRegion.pieces.map {
        RegionPiece(box: $0.box, constraints: $0.constraints + band)
      })
    case .exponential(let lambda):
      initialExpr = B
      unsafeExpr = -B
      flowExpr = change - .constant(lambda) * B
    }
    return [
      Obligation(condition: .initial, region: initialRegion, expression: initialExpr, strict: false,
                 variableNames: variables),
      Obligation(condition: .unsafe, region: unsafeRegion, expression: unsafeExpr, strict: unsafeStrict,
                 variableNames: variables),
      Obligation(condition: .flow, region: flowRegion, expression: flowExpr, strict: false,
                 variableNames: variables),
    ]
  }
}

import BCVExpression
import BCVNumerics

/// Whether the dynamics are a flow ẋ = f(x) or a map x⁺ = f(x).
public enum TimeModel: String, Sendable, Hashable, CaseIterable {
  case continuous, discrete
}

/// The three certificate conditions, named as everywhere in the corpus format.
public enum ConditionName: String, Sendable, Hashable, CaseIterable, Comparable {
  case initial, unsafe, flow

  public static func < (a: ConditionName, b: ConditionName) -> Bool {
    allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
  }
}

/// Which certificate conditions apply (the format's `condition.kind`).
public enum ConditionKind: Sendable, Hashable {
  /// B ≤ 0 on X₀; B > 0 on Xᵤ; Ḃ ≤ 0 (or ΔB ≤ 0) on X.
  case standard
  /// B ≤ c1 on X₀; B ≥ c2 on Xᵤ; Ḃ ≤ 0 (or ΔB ≤ 0) on {x ∈ X : c1 ≤ B(x) ≤ c2}; c1 < c2.
  case levelSet(c1: Rational, c2: Rational)
  /// B ≤ 0 on X₀; B > 0 on Xᵤ; Ḃ − λ·B ≤ 0 on X (continuous time only).
  case exponential(lambda: Rational)

  public var name: String {
    switch self {
    case .standard: return "standard"
    case .levelSet: return "levelset"
    case .exponential: return "exponential"
    }
  }
}

/// A barrier-certificate problem: one corpus case without its bookkeeping.
///
/// Expressions refer to variables by index into `variables`. The loader guarantees the
/// invariants: one dynamics component per variable, a domain box bounding every variable,
/// and no `exponential` condition with discrete time.
public struct BarrierProblem: Sendable, Hashable {
  public var variables: [String]
  public var time: TimeModel
  public var dynamics: [Expr]
  public var domain: StateSet
  public var initial: StateSet
  public var unsafe: StateSet
  public var certificate: Expr
  public var condition: ConditionKind

  public init(variables: [String], time: TimeModel, dynamics: [Expr], domain: StateSet,
              initial: StateSet, unsafe: StateSet, certificate: Expr, condition: ConditionKind) {
    precondition(dynamics.count == variables.count,
                 "\(dynamics.count) dynamics components for \(variables.count) variables")
    self.variables = variables
    self.time = time
    self.dynamics = dynamics
    self.domain = domain
    self.initial = initial
    self.unsafe = unsafe
    self.certificate = certificate
    self.condition = condition
  }

  public var dimension: Int { variables.count }

  /// Whether the certificate, dynamics and every set constraint are polynomial.
  public var isPolynomial: Bool {
    certificate.isPolynomial && dynamics.allSatisfy(\.isPolynomial)
      && [domain, initial, unsafe].allSatisfy(\.isPolynomial)
  }
}

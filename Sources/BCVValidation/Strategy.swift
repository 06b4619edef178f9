/// The settings that can change a strategy's answer or work. Everything a cache key or a
/// results row must record lives here.
public struct StrategySettings: Sendable, Hashable {
  /// Points drawn per obligation by sampling strategies.
  public var samples: Int = 10_000
  /// The seed of every pseudo-random choice.
  public var seed: UInt64 = 1
  /// Threads to use; results do not depend on it.
  public var workers: Int = 1
  /// Confidence 1 − α of the statistical bound reported by sampling.
  public var confidence: Double = 0.99
  /// Wall-clock budget per obligation, in seconds; exceeding it gives `unknown (timeout)`.
  public var timeLimit: Double? = nil
  /// Sampling: the points drawn in each box, pseudo-random (`uniform`) or low-discrepancy.
  public var sequence: SampleSequence = .uniform
  /// Branch-and-bound: the most boxes examined per obligation.
  public var maxBoxes: Int = 200_000
  /// `symbolic`: the most exact Bernstein coefficients computed per obligation, a
  /// deterministic measure of its work (time per coefficient is roughly constant, so it
  /// bounds the 8-D boxes that cost a hundred times a 2-D one).
  public var maxCoefficients: Int = .max
  /// Branch-and-bound: boxes narrower than this in every variable are not split further.
  public var minWidth: Double = 1e-9
  /// `smt`: the δ of δ-sat (boxes narrower than δ on every side, or on which every
  /// constraint holds up to δ, are not split further).
  public var delta: Double = 1e-3
  /// The external SMT solver, with its version: consulted by `smt` on what it leaves
  /// unknown (and so by `auto`, which passes its settings on), and run by `smt-external`.
  /// nil: none (`smt-external` then uses z3, see `StrategyConfiguration`).
  public var solver: SolverChoice?

  public init() {}
}

/// A way of deciding obligations.
///
/// Contract: `violated` only with a certain counterexample; `holds(proof: true)` only when
/// the obligation certainly holds on its whole region. When unsure, `unknown`.
public protocol Strategy: Sendable {
  /// Which strategy this is; its name is the one used on the command line and in results.
  var id: StrategyID { get }
  /// Whether this strategy's `holds` answers are proofs.
  var isSound: Bool { get }
  func decide(_ obligation: CompiledObligation, settings: StrategySettings) -> ObligationResult
  /// Decides several obligations of one case (sharing their variables), returning their
  /// results in order. Contract: result i is exactly what `decide(obligations[i])` gives;
  /// a strategy implements this only to share work between them (sampling draws points
  /// shared by several obligations once). The default decides them one by one.
  func decideAll(_ obligations: [CompiledObligation], settings: StrategySettings) -> [ObligationResult]
}

extension Strategy {
  /// The name used on the command line and in results (`sampling`, `interval`, …).
  public var name: String { id.name }
  public var usesSamples: Bool { id.usesSamples }

  public func decideAll(_ obligations: [CompiledObligation], settings: StrategySettings) -> [ObligationResult] {
    obligations.map { decide($0, settings: settings) }
  }

  /// Decides every obligation of a problem (through `decideAll`) and combines the answers.
  public func validate(_ obligations: [CompiledObligation], settings: StrategySettings) -> Verdict {
    Verdict(combining: decideAll(obligations, settings: settings))
  }
}

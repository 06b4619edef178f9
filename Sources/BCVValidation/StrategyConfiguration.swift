/// A strategy together with every setting that can change its answers or its work: the
/// identity of what a job measured.
///
/// The cache key (`cacheKey(fingerprint:)`), the label results and reports group by and the
/// gate compares (`label`), and the fields a child process receives (`identityFields`) all
/// derive from this one value, so two jobs that could answer differently never share a key.
/// The worker count is part of the settings but not of the identity: results do not depend
/// on it. Settings a strategy does not read are normalised away (an external solver for
/// `interval`), so they cannot split one configuration into two.
public struct StrategyConfiguration: Sendable, Hashable {
  public let strategy: StrategyID
  public let settings: StrategySettings

  /// The configuration of `strategy` under `settings`: `smt-external` without a solver
  /// gets z3 as installed; strategies that never consult a solver drop it.
  public init(_ strategy: StrategyID, settings: StrategySettings) {
    var s = settings
    if !strategy.usesSolver {
      s.solver = nil
    } else if s.solver == nil, let fallback = strategy.defaultSolver {
      s.solver = .installed(fallback)
    }
    self.strategy = strategy
    self.settings = s
  }

  /// The strategy to run (it takes every setting from `settings` on each call).
  public func make() -> any Strategy { strategy.make() }

  /// The name results and reports show and the gate's job identity uses: the strategy's
  /// name, with `+solver` when the solver is not the strategy's default (`smt+z3`,
  /// `auto+cvc5`, `smt-external+dreal`; plain `smt-external` is z3).
  public var label: String {
    guard let solver = settings.solver?.solver, solver != strategy.defaultSolver else { return strategy.name }
    return "\(strategy.name)+\(solver.rawValue)"
  }

  /// Every field of the identity, in a fixed order, as `name=value` texts with doubles
  /// written as their bit patterns (so equal texts mean bit-identical settings).
  public var identityFields: [String] {
    let s = settings
    return [
      "strategy=\(strategy.name)", "samples=\(s.samples)", "seed=\(s.seed)",
      "confidence=\(hex(s.confidence))", "sequence=\(s.sequence.rawValue)", "maxBoxes=\(s.maxBoxes)",
      "maxCoefficients=\(s.maxCoefficients)", "minWidth=\(hex(s.minWidth))", "delta=\(hex(s.delta))",
      "timeLimit=\(s.timeLimit.map(hex) ?? "-")", "solver=\(s.solver.map { "\($0.solver.rawValue)@\($0.version)" } ?? "-")",
    ]
  }

  /// The cache key of one obligation (its canonical fingerprint) under this configuration.
  public func cacheKey(fingerprint: String) -> String {
    (["bcv-cache-key/2", fingerprint] + identityFields).joined(separator: "|")
  }

  private func hex(_ x: Double) -> String { String(x.bitPattern, radix: 16) }
}

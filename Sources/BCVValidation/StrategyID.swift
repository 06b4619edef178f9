/// Which strategy a job runs. Its `name` is the word used on the command line, in suites
/// and in results; everything else about the job (settings, solver) lives in
/// `StrategyConfiguration`.
public enum StrategyID: String, Sendable, Hashable, CaseIterable, Comparable {
  case sampling, adaptive, symbolic, interval, smt
  case smtExternal = "smt-external"
  case auto

  public var name: String { rawValue }

  /// The strategy with this name, or nil.
  public init?(name: String) { self.init(rawValue: name) }

  /// Every name, in the order reports list the strategies.
  public static var names: [String] { allCases.map(\.name) }

  /// Whether `settings.samples` changes what this strategy does (sampling strategies and the
  /// portfolio, which samples first); run matrices sweep sample counts only for these.
  public var usesSamples: Bool {
    switch self {
    case .sampling, .adaptive, .auto: return true
    case .symbolic, .interval, .smt, .smtExternal: return false
    }
  }

  /// Whether an external solver can change this strategy's answers (`smt` consults one on
  /// what it leaves unknown, `auto` runs `smt`, `smt-external` is one).
  public var usesSolver: Bool {
    switch self {
    case .smt, .smtExternal, .auto: return true
    case .sampling, .adaptive, .symbolic, .interval: return false
    }
  }

  /// The solver used when none is chosen: z3 for `smt-external`, none for the others.
  public var defaultSolver: ExternalSolver? { self == .smtExternal ? .z3 : nil }

  /// The strategy itself. Strategies hold no settings of their own: everything that can
  /// change an answer comes in `StrategySettings` with each call.
  public func make() -> any Strategy {
    switch self {
    case .sampling: return SamplingStrategy()
    case .adaptive: return AdaptiveSamplingStrategy()
    case .symbolic: return SymbolicStrategy()
    case .interval: return IntervalStrategy()
    case .smt: return SMTStrategy()
    case .smtExternal: return SMTExternalStrategy()
    case .auto: return AutoStrategy()
    }
  }

  public static func < (a: StrategyID, b: StrategyID) -> Bool {
    allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
  }
}

/// The strategies by name (a convenience over `StrategyID`).
public enum StrategyCatalog {
  /// Every strategy this build offers, in the order reports list them.
  public static var all: [any Strategy] { StrategyID.allCases.map { $0.make() } }

  public static var names: [String] { StrategyID.names }

  public static func named(_ name: String) -> (any Strategy)? {
    StrategyID(name: name)?.make()
  }
}

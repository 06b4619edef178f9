/// The strategies by the names used on the command line, in suites and in results.
public enum StrategyCatalog {
  /// Every strategy this build offers, in the order reports list them.
  public static var all: [any Strategy] {
    [SamplingStrategy(), AdaptiveSamplingStrategy(), SymbolicStrategy(), IntervalStrategy(), SMTStrategy(),
     SMTExternalStrategy(), AutoStrategy()]
  }

  public static var names: [String] { all.map(\.name) }

  public static func named(_ name: String) -> (any Strategy)? {
    all.first { $0.name == name }
  }
}

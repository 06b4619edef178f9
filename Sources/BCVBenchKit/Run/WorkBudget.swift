import BCVValidation

/// Deterministic per-obligation work limits that override the strategies' defaults.
///
/// A gating suite sets these so that every answer is decided by counted work, never by
/// the machine's speed: the same build gives the same verdicts and counters on a fast or
/// a slow night, and the wall-clock `timeLimit` is only a safety net (a job that reaches
/// it is reported as time-limited, never as an accuracy regression). Sampling
/// strategies are already bounded by their sample count.
///
/// One codec for each place the budget travels: a suite's or a run's `budget` object
/// (`{ "maxBoxes": 20000, "maxCoefficients": 2000000 }`) and the `--max-boxes N` /
/// `--max-coefficients N` options of `run` and `run-job`.
public struct WorkBudget: Sendable, Hashable {
  /// Branch-and-bound strategies (`interval`, `smt`, `symbolic`): boxes examined.
  public var maxBoxes: Int?
  /// `symbolic`: exact Bernstein coefficients computed.
  public var maxCoefficients: Int?

  public init(maxBoxes: Int? = nil, maxCoefficients: Int? = nil) {
    self.maxBoxes = maxBoxes
    self.maxCoefficients = maxCoefficients
  }

  /// The accepted range of both limits.
  public static let range = 1...1_000_000_000_000

  static let jsonKeys: Set<String> = ["maxBoxes", "maxCoefficients"]

  public var isEmpty: Bool { maxBoxes == nil && maxCoefficients == nil }

  /// Applies the limits that are set.
  public func apply(to settings: inout StrategySettings) {
    if let n = maxBoxes { settings.maxBoxes = n }
    if let n = maxCoefficients { settings.maxCoefficients = n }
  }

  public var json: JSONValue {
    var pairs: [(String, JSONValue)] = []
    if let n = maxBoxes { pairs.append(("maxBoxes", .number(n))) }
    if let n = maxCoefficients { pairs.append(("maxCoefficients", .number(n))) }
    return .object(JSONObject(pairs))
  }

  /// Reads a `budget` object; `key` names it in errors (`budget`, `run.budget`).
  public init(json value: JSONValue, file: String, key: String) throws(InputError) {
    guard let o = value.objectValue else { throw InputError(file: file, key: key, "expected an object, found \(value.typeName)") }
    if let unknown = o.keys.first(where: { !Self.jsonKeys.contains($0) }) {
      throw InputError(file: file, key: "\(key).\(unknown)", "unknown budget (expected maxBoxes or maxCoefficients)")
    }
    func limit(_ name: String) throws(InputError) -> Int? {
      guard let v = o[name] else { return nil }
      guard let n = v.intValue, Self.range.contains(n) else {
        throw InputError(file: file, key: "\(key).\(name)", "expected an integer in \(Self.range.lowerBound)...\(Self.range.upperBound)")
      }
      return n
    }
    maxBoxes = try limit("maxBoxes")
    maxCoefficients = try limit("maxCoefficients")
  }

  /// The options that reproduce this budget on a command line.
  public var arguments: [String] {
    (maxBoxes.map { ["--max-boxes", "\($0)"] } ?? []) + (maxCoefficients.map { ["--max-coefficients", "\($0)"] } ?? [])
  }

  /// The option names `arguments` writes and `init(arguments:)` reads.
  static let optionNames = ["max-boxes", "max-coefficients"]

  /// Reads `--max-boxes` / `--max-coefficients`, each replacing the base's value.
  init(arguments args: ParsedArguments, base: WorkBudget, command: String) throws(UsageError) {
    self = base
    if let n = try args.integer("max-boxes", in: Self.range, command: command) { maxBoxes = n }
    if let n = try args.integer("max-coefficients", in: Self.range, command: command) { maxCoefficients = n }
  }
}

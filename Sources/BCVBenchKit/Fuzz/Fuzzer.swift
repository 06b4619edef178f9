import BCVExpression
import BCVNumerics
import BCVPlatform

/// Hostile-input testing for the three parsers users feed: corpus files, suite files and
/// expressions. Inputs are seeded mutations of real files plus random expression text, so a
/// failure is reproducible from (seed, input number).
///
/// A run fails on any input that crashes the process (the run never finishes), takes longer
/// than `slowInputSeconds` (a hang in the making), or is rejected without a message that
/// names the file and says what is wrong.
public struct Fuzzer {
  public struct Report: Sendable {
    public var inputs = 0
    public var accepted = 0
    public var rejected = 0
    public var failures: [String] = []
    public var slowestSeconds = 0.0
  }

  public let seeds: [(file: String, text: String)]
  public var slowInputSeconds = 2.0
  var rng: SeededGenerator

  public init(seeds: [(file: String, text: String)], seed: UInt64) {
    precondition(!seeds.isEmpty, "the fuzzer needs at least one seed file")
    self.seeds = seeds
    rng = SeededGenerator(seed: seed)
  }

  static let tokens = [
    "\"", "{", "}", "[", "]", ",", ":", "null", "true", "-1e999", "1e-999", "0.1", "-0", "1e309", "\"x^100000000\"",
    "\"((((((((((x\"", "\"anyOf\"", "\"box\"", "\"where\"", "\"variables\"", "\"dynamics\"", "\"certificate\"",
    "\"condition\"", "\"levelset\"", "\"exponential\"", "\"lambda\"", "\"c1\"", "\"x1 <= \"", "\"1/0\"", "\"\\u0000\"",
    "\"\\ud800\"", "\"sin(\"", "\"log(-1)\"", "\"x1^0.5\"", "[[[[[[", "]]]]]]", "\"pi^pi^pi\"", "\"--x\"", "99999999999999999999",
  ]

  static let expressionAtoms = ["x", "y", "z", "pi", "0", "1", "2.5", "1e-3", "1e300", "0.1", "x1", "sinh", "("]
  static let expressionOperators = ["+", "-", "*", "/", "^", "<", "<=", "(", ")", " ", "--", "^-", "e", "."]
  static let functions = ["sin", "cos", "tan", "exp", "log", "sqrt", "tanh", "atan", "abs"]

  /// Runs `count` inputs, cycling corpus mutation, suite mutation and expression text.
  public mutating func run(count: Int, progress: ((Int) -> Void)? = nil) -> Report {
    var report = Report()
    let loader = CorpusLoader()
    let parser = ExprParser(variables: ["x", "y"])
    for n in 0..<count {
      let clock = Stopwatch()
      switch n % 4 {
      case 0, 1:
        let (file, text) = seeds[rng.nextInt(below: seeds.count)]
        let mutated = mutate(text)
        let corpus = loader.load(text: mutated, file: file)
        if corpus.errors.isEmpty { report.accepted += 1 } else { report.rejected += 1 }
        for e in corpus.errors where e.file != file || e.message.isEmpty {
          report.failures.append("input \(n): a corpus error without file or message: \(e)")
        }
      case 2:
        let suiteText = mutate(Self.suiteSeed)
        do {
          _ = try SuiteLoader.load(text: suiteText, file: "fuzz-suite.json")
          report.accepted += 1
        } catch let e {
          report.rejected += 1
          if e.errors.isEmpty || e.errors.contains(where: { $0.message.isEmpty || $0.file != "fuzz-suite.json" }) {
            report.failures.append("input \(n): a suite error without file or message: \(e)")
          }
        }
      default:
        let text = randomExpression()
        do {
          _ = try parser.parse(text)
          report.accepted += 1
        } catch let e {
          report.rejected += 1
          if e.reason.isEmpty || e.column < 1 || e.column > text.count + 1 {
            report.failures.append("input \(n): expression error out of range: \(e) for \(text.debugDescription)")
          }
        }
      }
      let seconds = clock.elapsedSeconds
      report.slowestSeconds = max(report.slowestSeconds, seconds)
      if seconds > slowInputSeconds { report.failures.append("input \(n): took \(seconds) s") }
      report.inputs += 1
      if n % 1000 == 999 { progress?(n + 1) }
    }
    return report
  }

  static let suiteSeed = """
  { "format": "bcv-suite/1", "name": "fuzz", "corpus": ["corpus"], "select": { "tags": ["smoke"], "excludeTags": [] },
    "matrix": { "strategies": ["sampling"], "samples": [1000], "workers": [1, 2], "cache": ["off"], "repetitions": 2, "warmup": 0 },
    "seed": 1, "timeLimit": 10, "confidence": 0.99, "gate": { "minEffect": 0.1, "alpha": 0.05, "correction": "holm" } }
  """

  /// One to four random edits of the text's bytes: flips, deletions, duplications,
  /// insertions of JSON-significant tokens, truncation.
  mutating func mutate(_ text: String) -> String {
    var bytes = Array(text.utf8)
    for _ in 0..<(1 + rng.nextInt(below: 4)) {
      guard !bytes.isEmpty else { break }
      let at = rng.nextInt(below: bytes.count)
      switch rng.nextInt(below: 6) {
      case 0: bytes[at] = UInt8(truncatingIfNeeded: rng.next())
      case 1: bytes.removeSubrange(at..<min(bytes.count, at + 1 + rng.nextInt(below: 64)))
      case 2:
        let end = min(bytes.count, at + 1 + rng.nextInt(below: 256))
        bytes.insert(contentsOf: bytes[at..<end], at: at)
      case 3: bytes.insert(contentsOf: Array(Self.tokens[rng.nextInt(below: Self.tokens.count)].utf8), at: at)
      case 4: bytes.removeSubrange(at...)
      default:
        let other = rng.nextInt(below: bytes.count)
        bytes.swapAt(at, other)
      }
    }
    return String(decoding: bytes, as: UTF8.self)
  }

  mutating func randomExpression() -> String {
    var parts: [String] = []
    for _ in 0..<(1 + rng.nextInt(below: 24)) {
      switch rng.nextInt(below: 4) {
      case 0: parts.append(Self.expressionAtoms[rng.nextInt(below: Self.expressionAtoms.count)])
      case 1: parts.append(Self.expressionOperators[rng.nextInt(below: Self.expressionOperators.count)])
      case 2: parts.append(Self.functions[rng.nextInt(below: Self.functions.count)] + "(")
      default: parts.append(String(rng.nextInt(below: 100_000)))
      }
    }
    if rng.nextInt(below: 50) == 0 { parts.append(String(repeating: "(", count: rng.nextInt(below: 5000))) }
    return parts.joined()
  }
}

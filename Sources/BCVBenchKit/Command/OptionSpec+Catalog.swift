import BCVValidation

/// The options of `bcv-bench`, one declaration each, and the groups commands add up.
extension OptionSpec {
  // What to run.
  static let suite = OptionSpec(name: "suite", value: "NAME", help: "suite name (Suites/NAME.json) or path to a suite file")
  static let corpus = OptionSpec(name: "corpus", value: "PATH", help: "corpus file or folder (repeatable; overrides the suite's)", repeatable: true)
  static let cases = OptionSpec(name: "cases", value: "LIST", help: "run only these case ids")
  static let tags = OptionSpec(name: "tags", value: "LIST", help: "run only cases with any of these tags")
  static let excludeTags = OptionSpec(name: "exclude-tags", value: "LIST", help: "skip cases with any of these tags")
  static let strict = OptionSpec(name: "strict", value: nil, help: "stop at the first corpus error instead of skipping bad cases")

  // The run matrix (lists: one job per value).
  static let strategies = OptionSpec(name: "strategies", value: "LIST", help: "comma-separated strategies (\(StrategyCatalog.names.joined(separator: ", ")))")
  static let sampleCounts = OptionSpec(name: "samples", value: "N,...", help: "sample counts per obligation (default 10000)")
  static let workerCounts = OptionSpec(name: "workers", value: "N,...", help: "worker thread counts (default 1)")
  static let repetitions = OptionSpec(name: "repetitions", value: "N", help: "measured repetitions of every job (default 1)")
  static let warmup = OptionSpec(name: "warmup", value: "N", help: "untimed runs before each job's repetitions (default 0)")
  static let cacheModes = OptionSpec(name: "cache", value: "MODES", help: "cache modes: off, cold, warm (default off)")
  static let cacheDirectory = OptionSpec(name: "cache-dir", value: "DIR",
                                         help: "disk cache folder of warm jobs (default .build/bcv-cache); a usage error without a warm job")

  // One job (validate, run-job).
  static let `case` = OptionSpec(name: "case", value: "ID", help: "the case id (required)")
  static let strategy = OptionSpec(name: "strategy", value: "NAME", help: "strategy (default sampling; \(StrategyCatalog.names.joined(separator: ", ")))")
  static let samples = OptionSpec(name: "samples", value: "N", help: "samples per obligation (default 10000)")
  static let workers = OptionSpec(name: "workers", value: "N", help: "worker threads (default 1)")
  static let cacheMode = OptionSpec(name: "cache", value: "MODE", help: "the job's cache mode: off, cold or warm (default off)")
  static let repetition = OptionSpec(name: "repetition", value: "N", help: "the job's repetition number (default 0)")

  // Strategy settings.
  static let seed = OptionSpec(name: "seed", value: "S", help: "seed of every pseudo-random choice (default 1)")
  static let timeLimit = OptionSpec(name: "time-limit", value: "SECONDS", help: "wall-clock limit per obligation; over it a strategy answers unknown (time-limited)")
  static let confidence = OptionSpec(name: "confidence", value: "C", help: "confidence of sampling's statistical bound (default 0.99)")
  static let sequence = OptionSpec(name: "sequence", value: "KIND", help: "sampling points: uniform (default), halton or sobol")
  static let smtSolver = OptionSpec(name: "smt-solver", value: "NAME", help: "z3, cvc5 or dreal: used by smt on what it leaves unknown, and by smt-external")
  static let maxBoxes = OptionSpec(name: "max-boxes", value: "N", help: "deterministic budget: boxes per obligation (interval, smt, symbolic)")
  static let maxCoefficients = OptionSpec(name: "max-coefficients", value: "N", help: "deterministic budget: exact Bernstein coefficients per obligation (symbolic)")

  // Isolation.
  static let isolate = OptionSpec(name: "isolate", value: nil, help: "run each job in a child process; crashes and hangs become 'error' rows")
  static let jobTimeout = OptionSpec(name: "job-timeout", value: "SECONDS", help: "kill a job's process after this long")
  static let isolatedJob = OptionSpec(name: "job", value: "DOCUMENT", help: "the job and the run configuration as one JSON object")
  static let memoryLimit = OptionSpec(name: "memory-limit", value: "MB", help: "address-space cap of each job's process")

  // Output.
  static let out = OptionSpec(name: "out", value: "DIR", help: "folder to write to (the default is in the description above)")
  static let quiet = OptionSpec(name: "quiet", value: nil, help: "print nothing but errors")
  static let json = OptionSpec(name: "json", value: nil, help: "print the outcome as JSON on stdout instead of the table")
  static let certificate = OptionSpec(name: "certificate", value: "DIR", help: "write proof certificates of interval's proofs there")
  static let resume = OptionSpec(name: "resume", value: nil, help: "continue a killed run from the journal in its output folder")
  static let shard = OptionSpec(name: "shard", value: "K/N", help: "run only the K-th of N deterministic slices of the jobs")
  static let from = OptionSpec(name: "from", value: "RESULTS", help: "take an existing results.json (or run folder) instead of running")
  static let baselineFile = OptionSpec(name: "file", value: "FILE", help: "the baseline file to write (default Baselines/<suite>.json)")

  // Comparison.
  static let thresholds = OptionSpec(name: "thresholds", value: "PRESET", help: "default, strict or relaxed (default: default)")
  static let minEffect = OptionSpec(name: "min-effect", value: "F", help: "minimum slowdown that counts, as a fraction (default 0.10)")
  static let alpha = OptionSpec(name: "alpha", value: "A", help: "significance level after correction (default 0.05)")

  // Export.
  static let dialect = OptionSpec(name: "dialect", value: "NAME", help: "standard (z3, cvc5; default) or dreal")

  // Gating and history.
  static let gate = OptionSpec(name: "gate", value: nil, help: "compare with the suite's baseline; exit 1 or 3 on a regression")
  static let baseline = OptionSpec(name: "baseline", value: "FILE", help: "baseline to gate against (default Baselines/<suite>.json)")
  static let lenient = OptionSpec(name: "lenient", value: nil, help: "jobs missing from the candidate run do not fail the comparison")
  static let noConfirm = OptionSpec(name: "no-confirm", value: nil, help: "fail on time at once, without re-running the flagged jobs")
  static let history = OptionSpec(name: "history", value: "FILE", help: "history file to append to (suite runs default to Reports/history/<suite>.jsonl)")
}

extension OptionGroup {
  /// Which cases run (`run`, `baseline update`, `calibrate`).
  static let selection = OptionGroup("selection", [.suite, .corpus, .cases, .tags, .excludeTags, .strict])
  /// The run matrix and its cache.
  static let matrix = OptionGroup("matrix", [.strategies, .sampleCounts, .workerCounts, .repetitions, .warmup, .cacheModes, .cacheDirectory])
  /// What every strategy of a job is given.
  static let settings = OptionGroup("strategy settings", [.seed, .timeLimit, .confidence, .sequence, .smtSolver, .maxBoxes, .maxCoefficients])
  /// One child process per job.
  static let isolation = OptionGroup("isolation", [.isolate, .jobTimeout, .memoryLimit], switchedOnBy: .isolate)
  /// Comparison with a baseline at the end of a run (`run`, `merge`).
  static let gate = OptionGroup("gate", [.gate, .baseline, .lenient, .noConfirm], switchedOnBy: .gate)
  /// The run history a finished run is appended to (`run`, `merge`).
  static let history = OptionGroup("history", [.history])
}

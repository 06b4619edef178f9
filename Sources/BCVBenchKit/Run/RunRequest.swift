import BCVNumerics
import BCVPlatform
import BCVValidation

/// Everything that determines a run: where the cases come from, which are selected, the
/// configuration and the slice of jobs. `run`, `rerun`, `baseline update` and `calibrate`
/// all build one and hand it to `perform`.
public struct RunRequest: Sendable {
  public var suite: Suite?
  public var corpusPaths: [String]
  public var selection: CaseSelection
  public var configuration: RunConfiguration
  public var strict: Bool = false
  public var shard: Shard?
  public var quiet: Bool = false
  /// Where finished jobs are journaled (nil: no journal).
  public var journalPath: String?
  /// Continue the run its journal describes instead of starting over.
  public var resume = false

  public init(suite: Suite?, corpusPaths: [String], selection: CaseSelection, configuration: RunConfiguration) {
    self.suite = suite
    self.corpusPaths = corpusPaths
    self.selection = selection
    self.configuration = configuration
  }
}

/// What a performed run produced.
public struct RunOutcome: Sendable {
  public var results: RunResults
  public var cases: [CorpusCase]
  public var corpus: Corpus
  /// The jobs the plan held (more than `results.records` when the run was interrupted).
  public var plannedJobs = 0
}

extension RunRequest {
  /// A hash of everything that decides the run's jobs and their answers: the corpus
  /// content, the selected cases, the matrix, the seed, the limits and the shard.
  func runIdentity(corpus: Corpus, cases: [CorpusCase]) -> String {
    let c = configuration
    let parts = [Provenance.corpusHash(corpus), cases.map(\.id).joined(separator: ","), "\(c.matrix)", "\(c.seed)",
                 "\(c.timeLimit.map { "\($0)" } ?? "-")", "\(c.budget)", "\(c.confidence)", c.sequence.rawValue, shard?.description ?? "-"]
    return SHA256.hex(of: parts.joined(separator: "\n"))
  }

  /// Loads the corpus, selects the cases, runs the plan and returns the records with their
  /// provenance. Throws `InputError(s)` for bad input (nothing selected, unknown case ids,
  /// unreadable corpus; any corpus error when strict).
  public func perform() throws -> RunOutcome {
    let corpus = try CorpusLoader(strict: strict).load(paths: corpusPaths)
    if !quiet { corpus.warnings.forEach { Platform.writeStderr("bcv-bench: warning: \($0)\n") } }
    corpus.errors.forEach { Platform.writeStderr("bcv-bench: error: \($0) (case skipped)\n") }
    if let missing = selection.caseIDs.first(where: { id in !corpus.cases.contains { $0.id == id } }) {
      throw InputError(key: "cases", "no case with id '\(missing)' in \(corpusPaths.joined(separator: ", "))")
    }
    let cases = corpus.cases.filter(selection.selects)
    guard !cases.isEmpty else { throw InputError(key: "select", "the selection matches no case (zero jobs to run)") }
    let plan = RunPlan(matrix: configuration.matrix, caseCount: cases.count, shard: shard, seed: configuration.seed)
    guard !plan.jobs.isEmpty else {
      throw InputError(key: "shard", "shard \(shard.map(\.description) ?? "") holds no job of the \(cases.count) case(s)")
    }
    var journal: Journal?
    var completed: [Int: JobRecord] = [:]
    if let path = journalPath {
      let identity = runIdentity(corpus: corpus, cases: cases)
      if resume { completed = try Journal.read(path, runIdentity: identity) }
      do {
        journal = try Journal(path: path, runIdentity: identity, fresh: !resume || !Platform.fileExists(path))
      } catch {
        throw InternalFailure("cannot open the journal \(path): \(error)")
      }
      if resume && !quiet { Platform.writeStderr("bcv-bench: resuming: \(completed.count) of \(plan.jobs.count) jobs already done\n") }
    }
    let runner = Runner(configuration: configuration)
    let (records, buildErrors) = runner.run(cases, plan: plan, journal: journal, completed: completed)
    buildErrors.forEach { Platform.writeStderr("bcv-bench: error: \($0)\n") }
    let cache = runner.sharedCache.statistics
    if cache.failedStores > 0 {
      Platform.writeStderr("bcv-bench: warning: \(cache.failedStores) answer(s) could not be stored in the disk cache "
                           + "\(configuration.cacheDirectory ?? "") (\(cache.firstFailure ?? "unknown reason")); the run went on "
                           + "without storing them, so warm jobs may show misses\n")
    }
    let metadata = Provenance.metadata(request: self, corpus: corpus, cases: cases)
    return RunOutcome(results: RunResults(metadata: metadata, records: records, file: ""), cases: cases, corpus: corpus,
                      plannedJobs: plan.jobs.count)
  }

  /// Runs the listed jobs of a performed run again, with fresh repetitions (as many as the
  /// matrix asks) interleaved in an order seeded differently from the first run's: the
  /// confirmation re-run of `--gate`. No journal; the same cases and configuration.
  public func performAgain(jobKeys: [String], after first: RunOutcome) -> RunResults {
    performAgain(jobKeys: jobKeys, cases: first.cases, metadata: first.results.metadata)
  }

  /// `performAgain(jobKeys:after:)` for a run known only by its results (a merged run):
  /// loads and selects the cases again. Throws as `perform` does for bad input.
  public func performAgain(jobKeys: [String], metadata: JSONValue) throws -> RunResults {
    let corpus = try CorpusLoader(strict: strict).load(paths: corpusPaths)
    return performAgain(jobKeys: jobKeys, cases: corpus.cases.filter(selection.selects), metadata: metadata)
  }

  func performAgain(jobKeys: [String], cases: [CorpusCase], metadata: JSONValue) -> RunResults {
    let wanted = Set(jobKeys)
    let all = RunPlan(matrix: configuration.matrix, caseCount: cases.count, shard: nil, seed: configuration.seed)
    let jobs = all.jobs.filter { job in
      wanted.contains(configuration.jobKey(job, caseID: cases[job.caseIndex].id))
    }
    var order = Array(jobs.indices)
    var rng = SeededGenerator(seed: configuration.seed, stream: 0xC0_F1_A4)
    if order.count > 1 {
      for i in stride(from: order.count - 1, to: 0, by: -1) { order.swapAt(i, rng.nextInt(below: i + 1)) }
    }
    let plan = RunPlan(jobs: order.map { jobs[$0] })
    let (records, _) = Runner(configuration: configuration).run(cases, plan: plan)
    return RunResults(metadata: metadata, records: records, file: "")
  }
}

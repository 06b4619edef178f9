import BCVValidation

/// Everything an isolated child process (`bcv-bench run-job --job DOCUMENT`) needs to run
/// one job, as one JSON document: the case (corpus file and id), the job (strategy, samples,
/// workers, cache mode, repetition) and the parent's whole `RunConfiguration` in its one
/// encoding. The child answers with one record in the results file's encoding, so a record
/// from a child equals the one the parent would have made in process (a test checks it).
public struct IsolatedJob: Sendable {
  public var corpusFile: String
  public var caseID: String
  public var job: Job
  public var configuration: RunConfiguration

  public init(corpusFile: String, caseID: String, job: Job, configuration: RunConfiguration) {
    self.corpusFile = corpusFile
    self.caseID = caseID
    self.job = job
    self.configuration = configuration
  }

  public var json: JSONValue {
    .object(JSONObject([
      ("corpus", .string(corpusFile)), ("case", .string(caseID)),
      ("job", .object(JSONObject([
        ("strategy", .string(job.strategy.name)), ("samples", .number(job.samples)), ("workers", .number(job.workers)),
        ("cache", .string(job.cache.rawValue)), ("repetition", .number(job.repetition)),
      ]))),
      ("configuration", configuration.json),
    ]))
  }

  /// Reads what `json` wrote; errors name the key.
  public init(json value: JSONValue) throws(InputError) {
    let file = "run-job --job"
    guard let o = value.objectValue, let corpus = o["corpus"]?.stringValue, let id = o["case"]?.stringValue,
          let j = o["job"]?.objectValue, let c = o["configuration"] else {
      throw InputError(file: file, "expected an object with corpus, case, job and configuration")
    }
    guard let strategy = j["strategy"]?.stringValue.flatMap(StrategyID.init(name:)), let samples = j["samples"]?.intValue,
          let workers = j["workers"]?.intValue, let cache = j["cache"]?.stringValue.flatMap(CacheMode.init(rawValue:)),
          let repetition = j["repetition"]?.intValue else {
      throw InputError(file: file, key: "job", "expected a known strategy, samples, workers, a cache mode and repetition")
    }
    var configuration = try RunConfiguration(json: c, file: file, keyPrefix: "configuration")
    configuration.matrix.strategies = [strategy]
    configuration.matrix.samples = [max(1, samples)]
    configuration.matrix.workers = [workers]
    configuration.matrix.cacheModes = [cache]
    configuration.matrix.additionalBlocks = []
    if let problem = configuration.matrix.validationErrors(source: file).first { throw problem }
    configuration.isolate = false
    self.init(corpusFile: corpus, caseID: id,
              job: Job(caseIndex: 0, strategy: strategy, samples: samples, workers: workers, cache: cache, repetition: repetition),
              configuration: configuration)
  }
}

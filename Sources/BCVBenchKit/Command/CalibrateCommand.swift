import BCVPlatform

/// `bcv-bench calibrate --suite NAME`: an A/A run of the suite against itself, measuring each
/// job's timing noise and storing it in the suite's baseline (so gates can use thresholds
/// that are a multiple of measured noise, `"gate": { "noiseMultiple": k }`).
enum CalibrateCommand: Command {
  static let path = ["calibrate"]
  static let summary = "A/A run: runs the suite twice on this build and stores each job's timing noise in its baseline."
  static let usage = "calibrate --suite NAME [--file FILE] [run options]"
  static let discussion = "Reports the gate's false alarms between the two runs; the baseline must be of this machine class."
  static let optionGroups = OptionGroup.selection + .matrix + .settings + .isolation
    + OptionGroup("baseline", [.baselineFile, .quiet])

  static func execute(_ args: ParsedArguments) throws -> ExitCode {
    let request = try RunCommand.makeRequest(args)
    guard let suite = request.suite else { throw UsageError("calibrate needs --suite NAME", command: args.command) }
    let a = try request.perform().results
    let b = try request.perform().results
    let jobsA = JobSummary.summarize(a.records), jobsB = Dictionary(JobSummary.summarize(b.records).map { ($0.key, $0) },
                                                                     uniquingKeysWith: { x, _ in x })
    var noise: [String: Double] = [:]
    for job in jobsA {
      guard let other = jobsB[job.key], let model = NoiseModel(repetitions: job.seconds + other.seconds) else { continue }
      noise[job.key] = model.relativeNoise
    }
    let comparison = Comparator(thresholds: suite.gate, lenient: false)
      .compare(baseline: Baseline(results: a, suiteHash: suite.contentHash), candidate: Baseline(results: b, suiteHash: nil))
    let path = args.value("file") ?? "Baselines/\(suite.name).json"
    var baseline: Baseline
    if Platform.fileExists(path) {
      baseline = try Baseline.load(path)
      if baseline.machineClass != Baseline(results: a, suiteHash: nil).machineClass {
        throw InputError(file: path, key: "machineClass", "the baseline was taken on another machine class; its noise cannot be calibrated here")
      }
    } else {
      baseline = Baseline(results: a, suiteHash: suite.contentHash)
    }
    baseline.noise = noise
    do { try baseline.write(to: path) } catch { throw InternalFailure("cannot write \(path): \(error)") }
    let values = noise.values.sorted()
    if !request.quiet {
      let median = Descriptive.median(values) ?? .nan, worst = values.last ?? .nan
      print("calibrate: \(noise.count) jobs; relative noise median \(String(format3: median * 100))%, max \(String(format3: worst * 100))%")
      print("calibrate: A/A gate false alarms: \(comparison.performanceFailures) performance, \(comparison.accuracyFailures) accuracy")
      print("calibrate: noise stored in \(path)")
    }
    return .success
  }
}

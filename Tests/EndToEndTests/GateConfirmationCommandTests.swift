import BCVTestSupport
import Foundation
import Testing

@Suite(.serialized) struct GateConfirmationCommand {
  let corpus = Fixtures.path("Tests/Fixtures/mini-corpus.json")

  /// A baseline whose every time is a hundredth of the job's fastest measured one (so that no
  /// load on a shared machine can make the next run look as fast): the next run is
  /// "slower" on every job, in the first run and in the re-run alike.
  func fasterBaseline(_ root: String) throws -> (suite: String, baseline: String) {
    let suite = root + "/mini.json"
    try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
    try """
    { "format": "bcv-suite/1", "name": "mini", "corpus": ["\(corpus)"],
      "matrix": { "strategies": ["interval"], "repetitions": 5 },
      "timeLimit": 10, "budget": { "maxBoxes": 5000 } }
    """.write(toFile: suite, atomically: true, encoding: .utf8)
    let baseline = root + "/mini-baseline.json"
    // baseline update keeps no history (it refuses --history).
    let update = try BenchProcess.run(["baseline", "update", "--suite", suite, "--file", baseline, "--quiet"])
    #expect(update.status == 0, "\(update.stderr)")
    var json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: baseline))) as! [String: Any]
    json["jobs"] = (json["jobs"] as! [[String: Any]]).map { job in
      var job = job
      // Every repetition equal: a baseline without A/A noise, so no job is `unstable`
      // however noisy the machine was while the baseline was taken.
      let seconds = job["seconds"] as! [Double]
      job["seconds"] = seconds.map { _ in seconds.min()! / 100 }
      return job
    }
    try JSONSerialization.data(withJSONObject: json).write(to: URL(fileURLWithPath: baseline))
    return (suite, baseline)
  }

  @Test func aTimeFailureIsReRunAndConfirmedBeforeTheGateFails() throws {
    let root = temporaryDirectory("confirm")
    let (suite, baseline) = try fasterBaseline(root)
    let gated = try BenchProcess.run(["run", "--suite", suite, "--gate", "--baseline", baseline, "--out", root + "/run",
                                      "--history", root + "/h.jsonl"])
    #expect(gated.status == 3, "\(gated.stdout)\(gated.stderr)")
    #expect(gated.stderr.contains("re-running"))
    #expect(gated.stdout.contains("confirmation:") && gated.stdout.contains("confirmed"))
    #expect(FileManager.default.fileExists(atPath: root + "/run/confirmation/results.json"))
    let comparison = try String(contentsOfFile: root + "/run/comparison.json", encoding: .utf8)
    #expect(comparison.contains("\"rerunJobs\""))

    let unconfirmed = try BenchProcess.run(["run", "--suite", suite, "--gate", "--no-confirm", "--baseline", baseline,
                                            "--out", root + "/run2", "--history", root + "/h.jsonl"])
    #expect(unconfirmed.status == 3)
    #expect(!FileManager.default.fileExists(atPath: root + "/run2/confirmation/results.json"))
  }

  @Test func theBudgetReachesEveryJobAndIsRecorded() throws {
    let root = temporaryDirectory("budget")
    let r = try BenchProcess.run(["run", "--corpus", corpus, "--strategies", "interval,symbolic", "--max-boxes", "1",
                                  "--max-coefficients", "7", "--out", root, "--quiet", "--history", root + "/h.jsonl"])
    #expect(r.status == 0, "\(r.stderr)")
    let results = try String(contentsOfFile: root + "/results.json", encoding: .utf8)
    #expect(results.contains("\"maxBoxes\": 1") || results.contains("\"maxBoxes\":1"))
    let isolated = try BenchProcess.run(["run", "--corpus", corpus, "--strategies", "interval,symbolic", "--max-boxes", "1",
                                         "--max-coefficients", "7", "--isolate", "--out", root + "/iso", "--quiet",
                                         "--history", root + "/h.jsonl"])
    #expect(isolated.status == 0, "\(isolated.stderr)")
    #expect(try stableRows(root) == stableRows(root + "/iso"))
    let bad = try BenchProcess.run(["run", "--corpus", corpus, "--max-boxes", "0"])
    #expect(bad.status == 2 && bad.stderr.contains("--max-boxes"))
  }
}

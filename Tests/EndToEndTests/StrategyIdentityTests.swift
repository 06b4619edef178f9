import BCVTestSupport
import Foundation
import Testing

/// A job's identity is its whole strategy configuration (issue #14): configurations that
/// differ in the external solver never share cache entries, results say who decided and
/// with which solver, and `auto` passes its solver on.
@Suite(.serialized) struct StrategyIdentity {
  static let z3Installed = FileManager.default.isExecutableFile(atPath: "/usr/bin/z3")
    || (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").contains {
      FileManager.default.isExecutableFile(atPath: "\($0)/z3")
    }
  let corpus = Fixtures.path("Suites/corpus")

  func rows(_ folder: String) throws -> [[String: Any]] {
    let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: folder + "/results.json")))
    return (json as! [String: Any])["results"] as! [[String: Any]]
  }

  /// What a run answered, without times and cache counters.
  func answers(_ folder: String) throws -> [String] {
    try rows(folder).map { r in
      let obligations = (r["obligations"] as! [[String: Any]]).map { o in
        "\(o["condition"]!) \(o["status"]!) \(o["reasonKind"] ?? "-") \(o["decidedBy"] ?? "-") \(o["solver"] ?? "-") \(o["solverStatus"] ?? "-")"
      }
      return "\(r["case"]!) \(r["strategy"]!) \(r["verdict"]!) \(r["proof"]!) " + obligations.joined(separator: "; ")
    }
  }

  func run(_ root: String, _ name: String, _ extra: [String]) throws {
    let r = try BenchProcess.run(["run", "--corpus", corpus, "--cases", "room2-quadratic,shear-tangent", "--strategies", "smt,auto",
                                  "--max-boxes", "2000", "--out", root + "/" + name, "--quiet", "--history", root + "/h.jsonl"] + extra)
    #expect(r.status == 0, "\(r.stderr)")
  }

  @Test(.enabled(if: z3Installed, "z3 is not installed"))
  func plainSMTAfterSMTWithZ3InOneCacheFolderAnswersLikeAColdPlainRun() throws {
    let root = temporaryDirectory("identity")
    try run(root, "with-z3", ["--smt-solver", "z3", "--cache", "warm", "--cache-dir", root + "/cache"])
    try run(root, "plain-warm", ["--cache", "warm", "--cache-dir", root + "/cache"])
    try run(root, "plain-cold", ["--cache", "cold"])
    #expect(try answers(root + "/plain-warm") == answers(root + "/plain-cold"))
    // The solver's configuration is another job: its own label, its answers named.
    let z3 = try rows(root + "/with-z3")
    #expect(Set(z3.map { $0["strategy"] as! String }) == ["smt+z3", "auto+z3"])
    for r in z3 where r["strategy"] as! String == "smt+z3" {
      let flow = (r["obligations"] as! [[String: Any]]).first { $0["condition"] as! String == "flow" }!
      #expect(flow["decidedBy"] as? String == "smt-external")
      #expect((flow["solver"] as? String)?.hasPrefix("z3 ") == true && flow["solverStatus"] as? String == "unsat")
    }
    // From the warm cache (the second execution of each job) the same fields come back.
    try run(root, "with-z3-again", ["--smt-solver", "z3", "--cache", "warm", "--cache-dir", root + "/cache"])
    #expect(try answers(root + "/with-z3-again") == answers(root + "/with-z3"))
  }
}

import BCVTestSupport
import Foundation
import Testing

@Suite(.serialized) struct CertificateCommands {
  @Test func intervalProofsAreWrittenCheckedAndTamperingIsRejected() throws {
    let root = temporaryDirectory("certificates")
    let run = try BenchProcess.run(["run", "--corpus", "Suites/corpus", "--cases", "kong-saddle-exp,pendulum-levelset",
                                    "--strategies", "interval", "--certificate", root + "/certs", "--out", root + "/run"])
    #expect(run.status == 0, "\(run.stderr)")
    let files = try FileManager.default.contentsOfDirectory(atPath: root + "/certs").sorted().map { root + "/certs/" + $0 }
    #expect(files.count == 6)
    let check = try BenchProcess.run(["check-certificate"] + files)
    #expect(check.status == 0, "\(check.stdout)")
    #expect(check.stdout.components(separatedBy: "accepted").count == 7)

    // One leaf claiming a bound that does not follow, and one leaf removed: both rejected.
    let original = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: files[0]))) as! [String: Any]
    var leaves = original["leaves"] as! [[String: Any]]
    var altered = original
    var leaf = leaves[0]
    if leaf["bounded"] != nil { leaf["bounded"] = "-1000" } else { leaf["discarded"] = ["constraint": 0, "lowerBound": "1000"] }
    leaves[0] = leaf
    altered["leaves"] = leaves
    try JSONSerialization.data(withJSONObject: altered).write(to: URL(fileURLWithPath: root + "/altered.json"))
    var removed = original
    removed["leaves"] = Array((original["leaves"] as! [[String: Any]]).dropFirst())
    try JSONSerialization.data(withJSONObject: removed).write(to: URL(fileURLWithPath: root + "/removed.json"))
    for bad in ["altered", "removed"] {
      let r = try BenchProcess.run(["check-certificate", root + "/\(bad).json"])
      #expect(r.status == 1, "\(bad): \(r.stdout)\(r.stderr)")
      #expect(r.stdout.contains("REJECTED"), "\(bad): \(r.stdout)\(r.stderr)")
    }
  }

  @Test func exportWritesOneSMTLIB2FilePerObligation() throws {
    let out = temporaryDirectory("smt2")
    let r = try BenchProcess.run(["export-smt2", "--corpus", "Suites/corpus", "--case", "darboux-margin", "--out", out])
    #expect(r.status == 0, "\(r.stderr)")
    let files = try FileManager.default.contentsOfDirectory(atPath: out).sorted()
    #expect(files == ["darboux-margin-flow.smt2", "darboux-margin-initial.smt2", "darboux-margin-unsafe.smt2"])
    let flow = try String(contentsOfFile: out + "/darboux-margin-flow.smt2", encoding: .utf8)
    #expect(flow.contains("(set-logic QF_NRA)") && flow.contains("(check-sat)"))
  }
}

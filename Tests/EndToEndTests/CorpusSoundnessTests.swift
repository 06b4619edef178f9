import BCVTestSupport
import Foundation
import Testing

/// The rows of a CSV file with a header and no quoted commas in the columns read here.
private func rows(_ path: String) throws -> [[String: String]] {
  let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map(String.init)
  let header = lines[0].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
  return lines.dropFirst().map { line in
    let cells = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    return Dictionary(uniqueKeysWithValues: zip(header, cells))
  }
}

@Suite(.serialized) struct CorpusSoundness {
  /// Every sound strategy over the whole corpus of `Suites/`: no wrong answer, no unsound
  /// proof, and every certificate written for `interval`'s proofs is accepted.
  /// Short budgets keep this quick; a budget can only turn an answer into `unknown`.
  @Test func soundStrategiesNeverAnswerWronglyOnTheCorpus() throws {
    let root = temporaryDirectory("soundness")
    let run = try BenchProcess.run(["run", "--corpus", "Suites/corpus", "--strategies", "interval,smt,symbolic",
                                    "--time-limit", "0.2", "--certificate", root + "/certs", "--out", root + "/run"])
    #expect(run.status == 0, "\(run.stderr)")
    let accuracy = try rows(root + "/run/accuracy.csv")
    #expect(Set(accuracy.map { $0["strategy"] ?? "" }) == ["interval", "smt", "symbolic"])
    for row in accuracy {
      #expect(row["wrong"] == "0" && row["unsound"] == "0", "\(row)")
      #expect(row["jobs"] == "72", "\(row)")
    }

    // Zero-margin Hamiltonian and tangent flows that only the Bernstein step proves.
    let results = try rows(root + "/run/results.csv")
    for id in ["darboux-hamiltonian-tangent", "rotation-tangent", "vdp-tangent", "vdp-tangent-factored"] {
      let row = results.first { $0["case"] == id && $0["strategy"] == "interval" }
      #expect(row?["outcome"] == "correct" && row?["proof"] == "true", "\(id): \(String(describing: row))")
    }

    // Every obligation of every interval proof has a certificate, or is listed on stderr
    // as proved only with HC4 contraction (which certificates cannot record).
    let names = Set(try FileManager.default.contentsOfDirectory(atPath: root + "/certs"))
    for row in results where row["strategy"] == "interval" && row["verdict"] == "valid" {
      let id = row["case"] ?? ""
      for condition in ["initial", "unsafe", "flow"] where !names.contains("\(id)-\(condition).proof.json") {
        #expect(run.stderr.contains("  \(id) \(condition): "), "\(id) \(condition) has no certificate and is not listed")
      }
    }
    for id in ["darboux-hamiltonian-tangent", "rotation-tangent", "vdp-tangent"] {
      #expect(names.contains("\(id)-flow.proof.json"), "\(id)")
    }
    let files = names.sorted().map { root + "/certs/" + $0 }
    let check = try BenchProcess.run(["check-certificate"] + files)
    #expect(check.status == 0, "\(check.stdout)")
    #expect(!check.stdout.contains("REJECTED"))
  }
}

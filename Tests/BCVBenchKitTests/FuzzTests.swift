import BCVBenchKit
import BCVPlatform
import BCVTestSupport
import Foundation
import Testing

@Suite struct HostileInput {
  @Test func mutatedCorporaSuitesAndExpressionsNeverCrashHangOrFailSilently() throws {
    var seeds: [(file: String, text: String)] = []
    for path in try Platform.listFiles(under: Fixtures.path("Suites/corpus"), withExtension: "json").prefix(6) {
      seeds.append((path, try AtomicFile.readText(path)))
    }
    seeds.append(("mini.json", try AtomicFile.readText(Fixtures.path("Tests/Fixtures/mini-corpus.json"))))
    var fuzzer = Fuzzer(seeds: seeds, seed: propertyTestSeed)
    let report = fuzzer.run(count: 1500)
    #expect(report.inputs == 1500)
    #expect(report.failures.isEmpty, "\(report.failures.prefix(5))")
    #expect(report.rejected > 0 && report.accepted > 0)
  }
}

import BCVPlatform
import BCVValidation
import Foundation

/// Proof certificates for a run's interval proofs: for every case that `interval` proved
/// valid, each obligation is proved again with certificate recording (untimed, after the
/// run, so the run's timings and counters are unaffected) and its box tree written as
/// `DIR/<case>-<condition>.proof.json`, for `bcv-bench check-certificate`.
///
/// Some proofs have no certificate: certificates record only rules the checker
/// re-verifies leaf by leaf, so an obligation that `interval` proved with HC4 contraction
/// (a zero margin on a set boundary, where g shares its terms with a constraint) is
/// proved again without it and may stay unknown. Those are listed, never hidden.
enum CertificateWriting {
  /// The certificate files written, and, for each proved obligation left without one,
  /// `<case> <condition>: <why>`.
  static func write(for results: RunResults, cases: [CorpusCase], configuration: RunConfiguration,
                    to directory: String) throws -> (written: [String], uncertified: [String]) {
    let proved = Set(results.records.filter { $0.strategy == "interval" && $0.verdict == .valid && $0.proof }.map(\.caseID))
    var written: [String] = [], uncertified: [String] = []
    var settings = StrategySettings()
    settings.seed = configuration.seed
    settings.timeLimit = configuration.timeLimit
    configuration.budget.apply(to: &settings)
    for c in cases where proved.contains(c.id) {
      guard let obligations = try? c.problem.obligations().map(CompiledObligation.init) else { continue }
      for o in obligations {
        let (result, certificate) = IntervalStrategy().prove(o, settings: settings)
        guard let certificate else {
          let why: String
          if case .unknown(let reason) = result.status { why = reason.detail } else { why = "\(result.status)" }
          uncertified.append("\(c.id) \(o.obligation.condition.rawValue): \(why)")
          continue
        }
        let path = "\(directory)/\(c.id)-\(o.obligation.condition.rawValue).proof.json"
        try AtomicFile.write([UInt8](certificate.jsonData()), to: path)
        written.append(path)
      }
    }
    return (written, uncertified)
  }
}

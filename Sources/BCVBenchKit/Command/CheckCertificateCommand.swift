import BCVValidation
import Foundation

/// `bcv-bench check-certificate FILE...`: re-verifies interval proof certificates
/// independently of the search that produced them (every leaf re-bounded by plain interval
/// evaluation; the leaves must tile each piece of the region).
enum CheckCertificateCommand {
  static let options: [OptionSpec] = [OptionSpec(name: "help", value: nil, help: "show this help")]

  static var help: String {
    Help.render("bcv-bench check-certificate FILE...",
                "Checks proof certificates written by 'run --certificate DIR' or 'validate --certificate DIR'. "
                  + "Exit 0 when all are accepted, 1 when one is rejected, 2 when one cannot be read.", options)
  }

  static func execute(_ words: [String]) throws -> ExitCode {
    let args = try ParsedArguments(words, options: options, command: "check-certificate")
    if args.flags.contains("help") { print(help); return .success }
    guard !args.positionals.isEmpty else { throw UsageError("expected certificate files", command: "check-certificate") }
    var rejected = 0
    for file in args.positionals {
      let bytes: [UInt8]
      do { bytes = try AtomicFile.read(file) } catch { throw InputError(file: file, "\(error)") }
      let certificate: ProofCertificate
      do { certificate = try ProofCertificate(json: Data(bytes)) } catch let e { throw InputError(file: file, e.description) }
      switch CertificateChecker.check(certificate) {
      case .accepted(let leaves):
        print("\(file): accepted (\(leaves) leaves)")
      case .rejected(let reason):
        rejected += 1
        print("\(file): REJECTED: \(reason)")
      }
    }
    return rejected == 0 ? .success : .accuracyFailure
  }
}

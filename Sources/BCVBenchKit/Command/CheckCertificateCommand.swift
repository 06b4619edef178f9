import BCVPlatform
import BCVValidation
import Foundation

/// `bcv-bench check-certificate FILE...`: re-verifies interval proof certificates
/// independently of the search that produced them (every leaf re-bounded by plain interval
/// evaluation; the leaves must tile each piece of the region).
enum CheckCertificateCommand: Command {
  static let path = ["check-certificate"]
  static let summary = "Re-verifies proof certificates independently of the search that produced them."
  static let usage = "check-certificate FILE..."
  static let discussion = """
    Checks certificates written by 'run --certificate DIR'. \
    Exit 0 when all are accepted, 1 when one is rejected, 2 when one cannot be read.
    """
  static let optionGroups: [OptionGroup] = []
  static let takesPositionals = true

  static func execute(_ args: ParsedArguments) throws -> ExitCode {
    guard !args.positionals.isEmpty else { throw UsageError("expected certificate files", command: args.command) }
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

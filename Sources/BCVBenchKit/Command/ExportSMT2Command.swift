import BCVPlatform
import BCVValidation

/// `bcv-bench export-smt2 --corpus PATH --case ID --out DIR`: the negation of each
/// obligation as SMT-LIB2, one file per obligation piece (`ID-initial.smt2`,
/// `ID-unsafe-piece2.smt2`, …). `unsat` from a solver on every file of an obligation proves it.
enum ExportSMT2Command: Command {
  static let path = ["export-smt2"]
  static let summary = "Writes each obligation's negation as SMT-LIB2 (QF_NRA for polynomial cases)."
  static let usage = "export-smt2 --corpus PATH --case ID --out DIR [--dialect standard|dreal]"
  static let discussion = "--corpus, --case and --out (the folder for the .smt2 files) are required."
  static let optionGroups = [OptionGroup("export", [.corpus, .case, .out, .dialect])]

  static func execute(_ args: ParsedArguments) throws -> ExitCode {
    guard let paths = args.values["corpus"], let id = args.value("case"), let out = args.value("out") else {
      throw UsageError("export-smt2 needs --corpus, --case and --out", command: args.command)
    }
    let dialectName = args.value("dialect") ?? "standard"
    guard let dialect = SMTLIB2.Dialect(rawValue: dialectName) else {
      throw UsageError("unknown dialect '\(dialectName)' (standard, dreal)", command: args.command)
    }
    let corpus = try CorpusLoader().load(paths: paths)
    guard let c = corpus.cases.first(where: { $0.id == id }) else {
      if let e = corpus.errors.first(where: { $0.caseID == id }) { throw e }
      throw InputError(file: paths.joined(separator: ", "), caseID: id, "no such case")
    }
    let obligations: [Obligation]
    do { obligations = try c.problem.obligations() } catch let e { throw InputError(file: c.file, caseID: id, e.description) }
    var written: [String] = []
    for o in obligations {
      for piece in o.region.pieces.indices {
        let suffix = o.region.pieces.count == 1 ? "" : "-piece\(piece + 1)"
        let path = "\(out)/\(id)-\(o.condition.rawValue)\(suffix).smt2"
        do { try AtomicFile.write(SMTLIB2.script(for: o, piece: piece, dialect: dialect), to: path) } catch {
          throw InternalFailure("cannot write \(path): \(error)")
        }
        written.append(path)
      }
      if o.region.pieces.isEmpty { print("\(o.condition.rawValue): empty region, holds trivially (no file)") }
    }
    for path in written { print(path) }
    return .success
  }
}

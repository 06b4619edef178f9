import BCVValidation

/// `bcv-bench export-smt2 --corpus PATH --case ID --out DIR`: the negation of each
/// obligation as SMT-LIB2, one file per obligation piece (`ID-initial.smt2`,
/// `ID-unsafe-piece2.smt2`, …). `unsat` from a solver on every file of an obligation proves it.
enum ExportSMT2Command {
  static let options: [OptionSpec] = [
    OptionSpec(name: "corpus", value: "PATH", help: "corpus file or folder", repeatable: true),
    OptionSpec(name: "case", value: "ID", help: "the case to export (required)"),
    OptionSpec(name: "out", value: "DIR", help: "folder for the .smt2 files (required)"),
    OptionSpec(name: "dialect", value: "NAME", help: "standard (z3, cvc5; default) or dreal"),
    OptionSpec(name: "help", value: nil, help: "show this help"),
  ]

  static var help: String {
    Help.render("bcv-bench export-smt2 --corpus PATH --case ID --out DIR [--dialect standard|dreal]",
                "Writes each obligation's negation as SMT-LIB2 (QF_NRA for polynomial cases).", options)
  }

  static func execute(_ words: [String]) throws -> ExitCode {
    let args = try ParsedArguments(words, options: options, command: "export-smt2")
    if args.flags.contains("help") { print(help); return .success }
    guard let paths = args.values["corpus"], let id = args.value("case"), let out = args.value("out") else {
      throw UsageError("export-smt2 needs --corpus, --case and --out", command: "export-smt2")
    }
    let dialectName = args.value("dialect") ?? "standard"
    guard let dialect = SMTLIB2.Dialect(rawValue: dialectName) else {
      throw UsageError("unknown dialect '\(dialectName)' (standard, dreal)", command: "export-smt2")
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

import BCVExpression
import BCVNumerics
import BCVValidation
import Testing

/// SMT-LIB2 export and reading solver output (no solver needed), and the export parsed by
/// z3 when it is installed.
@Suite struct SMTLIB2Tests {
  static let vars = ["x1", "x2"]

  /// x1·x2 − 1/3 ≤ 0 on [−1/2, 2] × [0, 3/4] ∩ {x1² + x2 − 1 ≤ 0}.
  static func smallObligation(strict: Bool = false) throws -> Obligation {
    let parser = ExprParser(variables: vars)
    let box = Box(bounds: [Bounds(Rational(-1) / Rational(2), Rational(2)), Bounds(Rational(0), Rational(3) / Rational(4))])
    let piece = RegionPiece(box: box, constraints: [try parser.parse("x1^2 + x2 - 1")])
    return Obligation(condition: .initial, region: Region(pieces: [piece]), expression: try parser.parse("x1*x2 - 1/3"),
                      strict: strict, variableNames: vars)
  }

  static let expectedSmallScript = """
    ; bcv-bench: negation of the initial obligation on piece 1 of 1 (unsat = it holds)
    (set-logic QF_NRA)
    (declare-const |x1| Real)
    (declare-const |x2| Real)
    (assert (<= (- (/ 1 2)) |x1|))
    (assert (<= |x1| 2))
    (assert (<= 0 |x2|))
    (assert (<= |x2| (/ 3 4)))
    (assert (<= (+ (* |x1| |x1|) (- |x2| 1)) 0))
    (assert (> (- (* |x1| |x2|) (/ 1 3)) 0))
    (check-sat)
    (get-model)
    (exit)

    """

  @Test func smallPolynomialObligationScript() throws {
    #expect(SMTLIB2.script(for: try Self.smallObligation(), piece: 0) == Self.expectedSmallScript)
    let strict = SMTLIB2.script(for: try Self.smallObligation(strict: true), piece: 0)
    #expect(strict.contains("(assert (>= (- (* |x1| |x2|) (/ 1 3)) 0))"))
  }

  @Test func nonPolynomialScriptsUseTheDialectAndGuardUndefinedPoints() throws {
    let parser = ExprParser(variables: Self.vars)
    let box = Box(bounds: [Bounds(Rational(1), Rational(2)), Bounds(Rational(-1), Rational(1))])
    let piece = RegionPiece(box: box, constraints: [try parser.parse("log(x1 - x2) - 1")])
    let o = Obligation(condition: .flow, region: Region(pieces: [piece]),
                       expression: try parser.parse("atan(x2)*pi + (x1 + x2)^3 + x1^x2"), strict: false,
                       variableNames: Self.vars)
    let standard = SMTLIB2.script(for: o, piece: 0)
    #expect(standard.contains("(set-logic QF_NRAT)"))
    #expect(standard.contains("(arctan |x2|)") && standard.contains("(exp (* |x2| (log |x1|)))"))
    #expect(standard.contains("(let ((?p1 (+ |x1| |x2|))) (* ?p1 ?p1 ?p1))"))
    #expect(standard.contains("(declare-const |pi| Real)"))
    #expect(standard.contains("(assert (<= (/ 884279719003555 281474976710656) |pi|))"))
    #expect(standard.contains("(assert (<= |pi| (/ 7074237752028441 2251799813685248)))"))
    // Where log's argument is ≤ 0 (undefined), the point may be in the region.
    #expect(standard.contains("(assert (or (<= (- (log (- |x1| |x2|)) 1) 0) (<= (- |x1| |x2|) 0)))"))
    #expect(standard.contains("(<= |x1| 0)))"))
    let dreal = SMTLIB2.script(for: o, piece: 0, dialect: .dreal)
    #expect(dreal.contains("(set-logic QF_NRA)") && dreal.contains("(atan |x2|)") && dreal.contains("(^ (+ |x1| |x2|) 3)"))
  }

  @Test func variableNamesBecomeSafeDistinctSymbols() {
    let o = Obligation(condition: .flow, region: Region(pieces: []), expression: .zero, strict: false,
                       variableNames: ["x", "and", "x y", "v1", "exp2", "_t.1"])
    #expect(SMTLIB2.symbols(for: o) == ["x", "v1", "v2", "v3", "exp2", "_t.1"])
  }

  @Test func readsStatusesAndModels() {
    let z3 = ExternalSolverResult(stdout: """
      sat
      (
        (define-fun x1 () Real
          (/ 1.0 2.0))
        (define-fun |x 2| () Real
          (- 3.0))
        (define-fun y () Real
          (root-obj (+ (^ x 2) (- 2)) 1))
        (define-fun z () Real (- (/ 1 4)))
        (define-fun w () Real 0.25)
      )
      """, stderr: "", exitCode: 0, elapsed: 0.5)
    #expect(z3.status == .sat)
    #expect(z3.model == ["x1": 0.5, "x 2": -3, "z": -0.25, "w": 0.25])
    #expect(z3.skippedModelValues == ["y"])
    let unsat = ExternalSolverResult(stdout: "unsat\n(error \"line 12 column 10: model is not available\")\n",
                                     stderr: "", exitCode: 1, elapsed: 0)
    #expect(unsat.status == .unsat && unsat.model.isEmpty)
    let broken = ExternalSolverResult(stdout: "(error \"line 8 column 23: unknown constant sin (Real) \")\nsat\n",
                                      stderr: "", exitCode: 1, elapsed: 0)
    guard case .error(let why) = broken.status else {
      Issue.record("an error before the answer must void it, got \(broken.status)")
      return
    }
    #expect(why.contains("unknown constant sin"))
    let dreal = ExternalSolverResult(stdout: "delta-sat with delta = 0.001\n(model\n  (define-fun |x1| () Real [0.5, 0.75])\n  (define-fun |x2| () Real -1)\n)\n",
                                     stderr: "", exitCode: 0, elapsed: 0)
    #expect(dreal.status == .deltaSat(delta: 0.001))
    #expect(dreal.model == ["x1": 0.625, "x2": -1])
    let silent = ExternalSolverResult(stdout: "", stderr: "Segmentation fault\n", exitCode: 139, elapsed: 0)
    #expect(silent.status == .error("Segmentation fault"))
  }

  @Test(.enabled(if: ExternalSolver.z3.locate() != nil, "z3 is not installed"))
  func z3ParsesTheExport() throws {
    let result = ExternalSolver.z3.run(script: Self.expectedSmallScript, timeout: 30)
    #expect(result.status == .sat || result.status == .unsat, "\(result.status)")
    let strict = ExternalSolver.z3.run(script: SMTLIB2.script(for: try Self.smallObligation(strict: true), piece: 0),
                                       timeout: 30)
    #expect(strict.status == .sat || strict.status == .unsat, "\(strict.status)")
  }
}

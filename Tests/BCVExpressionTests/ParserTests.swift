import BCVExpression
import BCVNumerics
import Testing

private let parser = ExprParser(variables: ["x", "y", "x1"])
private func parse(_ text: String) throws -> Expr { try parser.parse(text) }
private func value(_ text: String, _ x: Double = 0.7, _ y: Double = -1.3, _ x1: Double = 2.5) throws -> Double {
  try parse(text).evaluate(at: [x, y, x1])
}

@Suite struct ParserPrecedence {
  @Test func unaryMinusBindsLooserThanPower() throws {
    #expect(try parse("-x^2") == -(Expr.power(.variable(0), 2)))
    #expect(try value("-x^2") == -(0.7 * 0.7))
    #expect(try value("(-x)^2") == 0.7 * 0.7)
  }

  @Test func powerIsRightAssociative() throws {
    #expect(try parse("2^3^2") == .constant(Rational(512)))
    #expect(try parse("x^2^3") == .power(.variable(0), 8))
  }

  @Test func productsBindTighterThanSums() throws {
    #expect(Swift.abs(try value("1 + 2*x - y/4") - (1 + 2 * 0.7 - (-1.3) / 4)) < 1e-15)
    #expect(Swift.abs(try value("x - y - x1") - (0.7 - (-1.3) - 2.5)) < 1e-15)
    #expect(try value("x / y / x1") == 0.7 / -1.3 / 2.5)
  }

  @Test func negativeExponentsAndUnaryChains() throws {
    #expect(try value("x^-2") == 1 / (0.7 * 0.7))
    #expect(try value("--x") == 0.7)
    #expect(try value("-+-x") == 0.7)
  }

  @Test func decimalLiteralsAreExactRationals() throws {
    #expect(try parse("0.1") == .constant(Rational(1) / Rational(10)))
    #expect(try parse("1.5e-3") == .constant(Rational(3) / Rational(2000)))
    #expect(try parse("0.1 + 0.2") == .constant(Rational(3) / Rational(10)))
  }

  @Test func functionsPiAndRealPowers() throws {
    #expect(try value("sin(x) + cos(y)") == Foundation_sin(0.7) + Foundation_cos(-1.3))
    #expect(try parse("pi") == .pi)
    if case .realPower = try parse("x^0.5") {} else { Issue.record("x^0.5 should be a real power") }
    #expect(try parse("x^(4/2)") == .power(.variable(0), 2))
  }

  @Test func longSumsParseIntoShallowTrees() throws {
    let terms = (0..<5000).map { "\($0)*x^2" }.joined(separator: " + ")
    let e = try parse(terms)
    #expect(e.nodeCount > 5000)
    let expected = Double(4999 * 5000 / 2) * 0.49
    #expect(Swift.abs(e.evaluate(at: [0.7, 0.0, 0.0]) - expected) < 1e-6 * expected)
  }

  @Test func textRoundTripsThroughTheParser() throws {
    for text in ["-x^2 + 3*y - x1/7", "(x - y)^3 * sin(x1)", "2^x - -y", "x^(-2) - 1/3*y", "exp(x)^y", "-(x + y)",
                 "2*x1*-x1", "x + (y - 1) - -1/2", "x*y*x1*x*y", "x - y - x1 - x + y", "x/y/x1*x", "1 + x + y + x1 + x*y"] {
      let e = try parse(text)
      let printed = e.text(variableNames: parser.variables)
      #expect(try parse(printed) == e, "\(text) → \(printed)")
      #expect(try parse(printed).text(variableNames: parser.variables) == printed, "printing is a fixed point for \(text)")
    }
  }
}

@Suite struct ParserErrors {
  private func error(_ text: String) -> ExprParseError? {
    do { _ = try parser.parse(text); return nil } catch { return error }
  }

  @Test(arguments: [
    ("x + (y * 2))", 12, "unexpected ')'"),
    ("x + x3", 5, "unknown variable 'x3'"),
    ("sinh(x)", 1, "unknown function 'sinh'"),
    ("x +", 4, "unexpected end of expression"),
    ("", 1, "empty expression"),
    ("x $ y", 3, "unexpected character '$'"),
    ("2x", 2, "unexpected 'x'"),
    ("(x + y", 1, "unclosed '('"),
    ("sin x", 4, "function 'sin' needs its argument in parentheses"),
    ("x / 0", 3, "division by zero"),
    ("x / (1 - 1)", 3, "division by zero"),
    ("x^100000000", 2, "exponent 100000000 exceeds the limit of 1000"),
    ("1.2.3", 1, "malformed number '1.2.3'"),
    ("(-2)^0.5", 5, "non-integer power of a non-positive constant"),
  ])
  func rejectionNamesTheColumnAndReason(text: String, column: Int, reason: String) {
    let e = error(text)
    #expect(e?.column == column, "\(text): \(String(describing: e))")
    #expect(e?.reason.hasPrefix(reason) == true, "\(text): \(String(describing: e))")
  }

  @Test func tenThousandParenthesesAreRejectedNotCrashed() {
    let deep = String(repeating: "(", count: 10_000) + "x" + String(repeating: ")", count: 10_000)
    #expect(error(deep)?.reason.contains("nested deeper") == true)
    let unary = String(repeating: "-", count: 10_000) + "x"
    #expect(error(unary)?.reason.contains("nested deeper") == true)
  }

  @Test func hugeConstantsAreRejected() {
    #expect(error("10^1000^1000") != nil)
    #expect(error("(10^900)^900")?.reason.contains("too large") == true)
  }
}

#if canImport(Glibc)
import Glibc
private func Foundation_sin(_ x: Double) -> Double { sin(x) }
private func Foundation_cos(_ x: Double) -> Double { cos(x) }
#endif

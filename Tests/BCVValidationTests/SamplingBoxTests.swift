import BCVExpression
import BCVNumerics
import BCVTestSupport
import BCVValidation
import Testing

/// Sampling boxes are contracted onto their constraints, and contraction never excludes a
/// point of the set.
@Suite struct SamplingBoxContraction {
  static let vars = ["x1", "x2"]

  /// Initial sets whose constraints contraction can tighten, polynomial and transcendental.
  static let sets: [[String]] = [
    ["x1^2 + x2^2 <= 0.25"],
    ["exp(x1) + x2^2 - 1.2 <= 0"],
    ["0.9 - sin(x1) <= 0", "x2^2 <= 0.5 + cos(x1)"],
    ["atan(x1 - 1) + x2^2 <= -0.5"],
    ["(x1 - 2)^2 + (x2 + 1)^2 <= 0.000001"],
  ]

  func initialObligation(_ constraints: [String]) throws -> CompiledObligation {
    let p = try makeProblem(variables: Self.vars, dynamics: ["-x1", "-x2"], domain: [(-3, 3), (-3, 3)],
                            initial: try whereSet(Self.vars, constraints), unsafe: StateSet(box: [0: Bounds(3, 3)]),
                            certificate: "x1^2 + x2^2 - 1")
    return try compiled(p)[0]
  }

  @Test(arguments: sets)
  func contractingNeverExcludesAPointOfTheSet(constraints: [String]) throws {
    let obligation = try initialObligation(constraints)
    let piece = try #require(SamplingStrategy.samplingPieces(of: obligation, samples: 1000).first)
    var rng = SeededGenerator(seed: propertyTestSeed)
    let parsed = try constraints.map { c -> Expr in
      let parts = c.components(separatedBy: "<=")
      let parser = ExprParser(variables: Self.vars)
      return .difference(try parser.parse(parts[0]), try parser.parse(parts[1]))
    }
    var inside = 0
    for _ in 0..<200_000 {
      // Uniform in the uncontracted (domain) box, or in the part of it near the contracted
      // box, so thin sets get hits too.
      let near = rng.nextInt(below: 2) == 0
      let x = (0..<2).map { v -> Double in
        if near {
          let w = piece.contractedUpper[v] - piece.contractedLower[v]
          return rng.nextDouble(in: Swift.max(-3, piece.contractedLower[v] - w), Swift.min(3, piece.contractedUpper[v] + w))
        }
        return rng.nextDouble(in: -3, 3)
      }
      guard parsed.allSatisfy({ $0.evaluate(at: x) <= 0 }) else { continue }
      inside += 1
      for v in 0..<2 {
        #expect(piece.contractedLower[v] <= x[v] && x[v] <= piece.contractedUpper[v], "\(x) outside the contracted box")
        #expect(piece.lower[v] <= x[v] && x[v] <= piece.upper[v], "\(x) outside the sampling box")
      }
    }
    #expect(inside > 1000)
    // Contraction happened: the contracted box is smaller than the domain box.
    let area = (piece.contractedUpper[0] - piece.contractedLower[0]) * (piece.contractedUpper[1] - piece.contractedLower[1])
    #expect(area < 36 * 0.9)
  }

  @Test func aThinSetGetsItsOwnBoxAndAWideOneSharesTheDomainBox() throws {
    let thin = try #require(SamplingStrategy.samplingPieces(of: try initialObligation(Self.sets[4]), samples: 100).first)
    #expect(thin.lower == thin.contractedLower && thin.upper == thin.contractedUpper)
    #expect(thin.upper[0] - thin.lower[0] < 0.01)
    let wide = try #require(SamplingStrategy.samplingPieces(of: try initialObligation(Self.sets[0]), samples: 100).first)
    #expect(wide.lower == [-3, -3] && wide.upper == [3, 3])
    #expect(wide.contractedUpper[0] - wide.contractedLower[0] < 1.01)
  }

  @Test func samplesAreSpreadOverPiecesByContractedVolume() throws {
    let v = Self.vars
    let union = StateSet(anyOf: [try whereSet(v, ["x1^2 + x2^2 <= 0.01"]),
                                 try whereSet(v, ["(x1 - 2)^2 + x2^2 <= 0.04"])])
    let p = try makeProblem(variables: v, dynamics: ["-x1", "-x2"], domain: [(-3, 3), (-3, 3)],
                            initial: union, unsafe: StateSet(box: [0: Bounds(3, 3)]), certificate: "x1 - 5")
    let pieces = SamplingStrategy.samplingPieces(of: try compiled(p)[0], samples: 10_000)
    #expect(pieces.count == 2)
    // Radii 0.1 and 0.2: contracted areas 1 : 4.
    #expect(pieces.map(\.count).reduce(0, +) == 10_000)
    #expect(Swift.abs(pieces[1].count - 4 * pieces[0].count) < 50)
  }
}

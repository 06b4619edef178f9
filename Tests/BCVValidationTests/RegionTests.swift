import BCVExpression
import BCVNumerics
import BCVValidation
import Testing

@Suite struct RegionConstruction {
  let vars = ["x", "y"]

  @Test func setsAreIntersectedWithTheDomainBox() throws {
    let domain = StateSet(box: [0: Bounds(-1, 1), 1: Bounds(-1, 1)])
    let set = StateSet(box: [0: Bounds(0, 5)])
    let region = Region.of(set, within: domain, dimension: 2)!
    #expect(region.pieces.count == 1)
    #expect(region.pieces[0].box.bounds == [Bounds(0, 1), Bounds(-1, 1)])
  }

  @Test func disjointBoxesGiveTheEmptyRegion() throws {
    let domain = StateSet(box: [0: Bounds(-1, 1), 1: Bounds(-1, 1)])
    let region = Region.of(StateSet(box: [0: Bounds(2, 3)]), within: domain, dimension: 2)!
    #expect(region.pieces.isEmpty)
  }

  @Test func anyOfBecomesOnePiecePerMemberAndKeepsOuterConstraints() throws {
    let domain = StateSet(box: [0: Bounds(-2, 2), 1: Bounds(-2, 2)])
    var set = try whereSet(vars, ["x + y <= 1"])
    set.anyOf = [StateSet(box: [0: Bounds(-2, -1)]), try whereSet(vars, ["x^2 <= 0.25"]), StateSet(box: [0: Bounds(5, 6)])]
    let region = Region.of(set, within: domain, dimension: 2)!
    #expect(region.pieces.count == 2)  // the third member misses the domain
    #expect(region.pieces[0].constraints.count == 1)
    #expect(region.pieces[1].constraints.count == 2)
    #expect(region.pieces[0].box.bounds[0] == Bounds(-2, -1))
  }

  @Test func nestedUnionsBeyondTheLimitAreRefused() throws {
    let domain = StateSet(box: [0: Bounds(-2, 2), 1: Bounds(-2, 2)])
    var set = StateSet()
    for _ in 0..<7 {
      set = StateSet(anyOf: [set, set, set, set])  // 4^7 = 16384 pieces
    }
    #expect(Region.of(set, within: domain, dimension: 2) == nil)
  }

  @Test func membershipFollowsTheConstraintsOfEachPiece() throws {
    // The union of the discs around (±1, 0) with radius 1/2, inside [-2,2]².
    let problem = try makeProblem(
      variables: vars, dynamics: ["-x", "-y"], domain: [(-2, 2), (-2, 2)],
      initial: StateSet(anyOf: [try whereSet(vars, ["(x - 1)^2 + y^2 <= 0.25"]),
                                try whereSet(vars, ["(x + 1)^2 + y^2 <= 0.25"])]),
      unsafe: StateSet(box: [0: Bounds(2, 2)]), certificate: "x^2 + y^2 - 2")
    let initial = try compiled(problem)[0]
    #expect(initial.pieceConstraints.count == 2)
    let tape = initial.tape
    var registers: [Double] = []
    let inFirst = tape.evaluate(at: [1.2, 0.1], registers: &registers)
    #expect(inFirst[initial.pieceConstraints[0][0]] <= 0)
    #expect(inFirst[initial.pieceConstraints[1][0]] > 0)
  }
}

@Suite struct ObligationConstruction {
  let vars = ["x", "y"]

  @Test func standardConditionsBecomeThreeObligations() throws {
    let p = try makeProblem(variables: vars, dynamics: ["y", "-x"], domain: [(-1, 1), (-1, 1)],
                            initial: StateSet(), unsafe: StateSet(), certificate: "x^2 + y^2 - 1")
    let obligations = try p.obligations()
    #expect(obligations.map(\.condition) == [.initial, .unsafe, .flow])
    #expect(obligations.map(\.strict) == [false, true, false])
    // Ḃ = 2x·y + 2y·(−x) = 0 folds to … a value zero everywhere.
    #expect(obligations[2].expression.evaluate(at: [0.3, -0.7]) == 0)
  }

  @Test func levelSetFlowIsRestrictedToTheBand() throws {
    let p = try makeProblem(variables: vars, dynamics: ["-x", "-y"], domain: [(-1, 1), (-1, 1)],
                            initial: StateSet(), unsafe: StateSet(), certificate: "x^2 + y^2",
                            condition: .levelSet(c1: Rational(1) / Rational(4), c2: Rational(1)))
    let o = try p.obligations()
    #expect(o[0].expression.evaluate(at: [0.5, 0.0]) == 0.0)
    #expect(o[1].strict == false)
    #expect(o[2].region.pieces[0].constraints.count == 2)
  }

  @Test func discreteTimeUsesTheDifferenceAndExponentialSubtractsLambdaB() throws {
    let d = try makeProblem(variables: vars, dynamics: ["x/2", "y/2"], domain: [(-1, 1), (-1, 1)],
                            initial: StateSet(), unsafe: StateSet(), certificate: "x^2 + y^2", time: .discrete)
    #expect(try d.obligations()[2].expression.evaluate(at: [1.0, 1.0]) == 0.5 - 2)
    let e = try makeProblem(variables: vars, dynamics: ["-x", "-y"], domain: [(-1, 1), (-1, 1)],
                            initial: StateSet(), unsafe: StateSet(), certificate: "x^2 + y^2",
                            condition: .exponential(lambda: Rational(3)))
    #expect(try e.obligations()[2].expression.evaluate(at: [1.0, 0.0]) == -2 - 3)
  }
}

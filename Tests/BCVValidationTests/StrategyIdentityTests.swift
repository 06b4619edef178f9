@testable import BCVValidation
import Testing

/// Strategy identities, solver versions and typed unknown reasons (issue #14).
@Suite struct StrategyIdentityTests {
  @Test func everyStrategyNameRoundTripsAndTheCatalogFollowsTheIdentity() {
    for id in StrategyID.allCases {
      #expect(StrategyID(name: id.name) == id)
      #expect(id.make().id == id && id.make().name == id.name)
    }
    #expect(StrategyID(name: "smt-z3") == nil)
    #expect(StrategyCatalog.names == StrategyID.allCases.map(\.name))
  }

  @Test(arguments: [
    ("Z3 version 4.8.12 - 64 bit", "4.8.12"),
    ("This is cvc5 version 1.1.2 [git tag 1.1.2 branch HEAD]", "1.1.2"),
    ("dReal v4.21.06.2", "4.21.06.2"),
    ("some solver without a number", "some solver without a number"),
  ])
  func aSolverVersionIsReadFromItsBanner(banner: String, version: String) {
    #expect(ExternalSolver.parseVersion(banner) == version)
  }

  @Test func aTimeoutAnywhereMakesACombinedReasonDependOnTime() {
    let budget = UnknownReason(.budget, "box budget of 3 exhausted")
    let timeout = UnknownReason(.timeout, "timeout after 9 boxes")
    #expect(UnknownReason.combining([budget, timeout]).kind == .timeout)
    #expect(UnknownReason.combining([budget, budget]).kind == .budget)
    #expect(UnknownReason.combining([budget, UnknownReason(.deltaSat, "δ-sat")]).kind == .undecided)
    #expect(UnknownReason.combining([budget, timeout]).detail == "box budget of 3 exhausted; timeout after 9 boxes")
    var r = ObligationResult(condition: .flow, status: .unknown(timeout))
    #expect(r.dependsOnTime && r.dependsOnMachine)
    r.status = .unknown(UnknownReason(.solverUnavailable, "solver z3 unavailable"))
    #expect(!r.dependsOnTime && r.dependsOnMachine)
    // The text alone decides nothing: a budget reason that mentions a timeout is a budget.
    r.status = .unknown(UnknownReason(.budget, "timeout-free budget; interval: timeout"))
    #expect(!r.dependsOnTime)
  }
}

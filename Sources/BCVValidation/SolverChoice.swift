/// An external SMT solver as a job used it: which program, and which version answered.
/// Both are part of a job's identity (its cache key): another version may answer
/// differently.
public struct SolverChoice: Sendable, Hashable, CustomStringConvertible {
  public var solver: ExternalSolver
  /// The version the program reported (`4.13.0`), or `unavailable` when it is not installed.
  public var version: String

  public init(_ solver: ExternalSolver, version: String) {
    self.solver = solver
    self.version = version
  }

  /// The solver as installed on this machine (its version asked once per process).
  public static func installed(_ solver: ExternalSolver) -> SolverChoice {
    SolverChoice(solver, version: solver.installedVersion ?? Self.unavailable)
  }

  public static let unavailable = "unavailable"

  /// `z3 4.13.0`, or `z3 unavailable`: what results record in their `solver` column.
  public var description: String { "\(solver.rawValue) \(version)" }
}

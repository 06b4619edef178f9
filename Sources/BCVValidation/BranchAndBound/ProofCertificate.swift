import BCVExpression
import BCVNumerics

/// A checkable proof that an obligation holds: the leaves of the interval
/// branch-and-bound's box tree, each with the rule that decided it.
///
/// Claim: for every piece p, the leaves of piece p cover p's box, and on every leaf box
/// either one of the piece's constraints is certainly > 0 (the leaf misses the piece's set)
/// or the obligation's expression g is ≤ the leaf's recorded upper bound, which is ≤ 0
/// (< 0 when `strict`), on the whole leaf or (`boundedOnSet`) on its part in the set.
/// Together: g ≤ 0 (< 0) on the whole region. `CertificateChecker` re-verifies all of it
/// from the texts alone, with its own evaluation.
///
/// Leaf endpoints and bounds are doubles, which are dyadic rationals; the JSON form writes
/// them exactly as rational text (`ProofCertificate+JSON.swift`).
public struct ProofCertificate: Sendable, Hashable {
  /// The format tag written into the JSON form.
  public static let format = "bcv-proof/2"
  /// Earlier formats that read as this one (bcv-proof/1 lacks only `boundedOnSet`).
  public static let readableFormats = ["bcv-proof/1", format]

  /// One piece of the region: an exact box intersected with constraints `h ≤ 0`.
  public struct Piece: Sendable, Hashable {
    public let box: Box
    /// The constraints' texts in the obligation's variable names.
    public let constraints: [String]

    public init(box: Box, constraints: [String]) {
      self.box = box
      self.constraints = constraints
    }
  }

  /// How a leaf was decided.
  public enum Decision: Sendable, Hashable {
    /// The piece's constraint `constraint` (an index into `Piece.constraints`) has an
    /// enclosure on the leaf whose lower end is `lowerBound` > 0: no point of the leaf is in
    /// the piece's set.
    case discarded(constraint: Int, lowerBound: Double)
    /// g ≤ `upperBound` everywhere on the leaf, and `upperBound` ≤ 0 (< 0 when strict).
    case bounded(upperBound: Double)
    /// g − `multiplier`·h ≤ `upperBound` everywhere on the leaf, h the piece's constraint
    /// `constraint`, `multiplier` ≥ 0 and `upperBound` ≤ 0 (< 0 when strict): at every
    /// point of the leaf in the piece's set (h ≤ 0), g ≤ `upperBound`.
    case boundedOnSet(constraint: Int, multiplier: Rational, upperBound: Double)
  }

  /// One leaf box of a piece's tree.
  public struct Leaf: Sendable, Hashable {
    public let piece: Int
    public let lower: [Double]
    public let upper: [Double]
    public let decision: Decision

    public init(piece: Int, lower: [Double], upper: [Double], decision: Decision) {
      self.piece = piece
      self.lower = lower
      self.upper = upper
      self.decision = decision
    }
  }

  public let condition: ConditionName
  /// The obligation's expression g in the corpus grammar.
  public let expression: String
  public let strict: Bool
  public let variables: [String]
  public let pieces: [Piece]
  public let leaves: [Leaf]

  public init(condition: ConditionName, expression: String, strict: Bool, variables: [String],
              pieces: [Piece], leaves: [Leaf]) {
    self.condition = condition
    self.expression = expression
    self.strict = strict
    self.variables = variables
    self.pieces = pieces
    self.leaves = leaves
  }

  /// The certificate's statement for `obligation` with no leaves yet.
  init(statementOf obligation: Obligation, leaves: [Leaf]) {
    let names = obligation.variableNames
    self.init(condition: obligation.condition, expression: obligation.expression.text(variableNames: names),
              strict: obligation.strict, variables: names,
              pieces: obligation.region.pieces.map {
                Piece(box: $0.box, constraints: $0.constraints.map { $0.text(variableNames: names) })
              },
              leaves: leaves)
  }

  /// Whether this certificate states `obligation`: same condition, strictness, variables,
  /// piece boxes, and expression and constraint texts equal to those of the obligation as
  /// `IntervalStrategy.prove` re-reads it (see there). A checked certificate proves the
  /// obligation it states; use this to make sure that is the one you meant.
  public func states(_ obligation: Obligation) -> Bool {
    guard let reread = obligation.rereadToFixpoint() else { return false }
    let statement = ProofCertificate(statementOf: reread, leaves: [])
    return condition == statement.condition && expression == statement.expression
      && strict == statement.strict && variables == statement.variables && pieces == statement.pieces
  }
}

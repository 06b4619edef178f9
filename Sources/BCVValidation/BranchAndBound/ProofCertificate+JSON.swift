import BCVNumerics
import Foundation

/// Why a certificate's JSON could not be read.
public struct ProofCertificateFormatError: Error, Sendable, Hashable, CustomStringConvertible {
  public let message: String
  public init(_ message: String) { self.message = message }
  public var description: String { "proof certificate: \(message)" }
}

/// The JSON form of a certificate, with sorted keys, so equal certificates give equal
/// bytes:
///
/// ```json
/// { "format": "bcv-proof/1", "condition": "flow", "expression": "-2*x1^2 - 2*x2^2",
///   "strict": false, "variables": ["x1", "x2"],
///   "pieces": [ { "box": [["-2", "2"], ["-2", "2"]], "constraints": [] } ],
///   "leaves": [ { "piece": 0, "lower": ["-2", "-2"], "upper": ["0", "2"], "bounded": "-1/4" },
///               { "piece": 0, "lower": [...], "upper": [...],
///                 "discarded": { "constraint": 0, "lowerBound": "3/1024" } },
///               { "piece": 0, "lower": [...], "upper": [...],
///                 "boundedOnSet": { "constraint": 0, "multiplier": "1", "upperBound": "0" } } ] }
/// ```
///
/// Every number is exact rational text (`n` or `n/d`). Leaf endpoints and bounds must be
/// exactly doubles (dyadic, in range) when read back; piece boxes and multipliers may be
/// any rationals. `bcv-proof/1` files (without `boundedOnSet`) read as well.
extension ProofCertificate {
  /// The certificate as JSON (UTF-8).
  public func jsonData() -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    // Encoding plain strings, numbers, arrays and objects cannot fail.
    return try! encoder.encode(CertificateDTO(self))
  }

  /// Reads a certificate written by `jsonData()`.
  public init(json: Data) throws(ProofCertificateFormatError) {
    let dto: CertificateDTO
    do {
      dto = try JSONDecoder().decode(CertificateDTO.self, from: json)
    } catch {
      throw ProofCertificateFormatError("not a certificate: \(error)")
    }
    guard Self.readableFormats.contains(dto.format) else {
      throw ProofCertificateFormatError("format is \"\(dto.format)\", expected \"\(Self.format)\"")
    }
    guard let condition = ConditionName(rawValue: dto.condition) else {
      throw ProofCertificateFormatError("unknown condition \"\(dto.condition)\"")
    }
    var pieces: [Piece] = []
    for (p, piece) in dto.pieces.enumerated() {
      var bounds: [Bounds] = []
      for pair in piece.box {
        guard pair.count == 2, let lo = Self.rational(pair[0]), let hi = Self.rational(pair[1]), lo <= hi else {
          throw ProofCertificateFormatError("piece \(p): a box bound is not a pair of ordered rationals: \(pair)")
        }
        bounds.append(Bounds(lo, hi))
      }
      pieces.append(Piece(box: Box(bounds: bounds), constraints: piece.constraints))
    }
    var leaves: [Leaf] = []
    leaves.reserveCapacity(dto.leaves.count)
    for (i, leaf) in dto.leaves.enumerated() {
      func double(_ text: String) throws(ProofCertificateFormatError) -> Double {
        guard let v = Self.rational(text).flatMap(Self.exactDouble) else {
          throw ProofCertificateFormatError("leaf \(i): \"\(text)\" is not exactly a double")
        }
        return v
      }
      var lower: [Double] = [], upper: [Double] = []
      for t in leaf.lower { lower.append(try double(t)) }
      for t in leaf.upper { upper.append(try double(t)) }
      let decision: Decision
      switch (leaf.bounded, leaf.discarded, leaf.boundedOnSet) {
      case (let u?, nil, nil): decision = .bounded(upperBound: try double(u))
      case (nil, let d?, nil): decision = .discarded(constraint: d.constraint, lowerBound: try double(d.lowerBound))
      case (nil, nil, let b?):
        guard let lambda = Self.rational(b.multiplier) else {
          throw ProofCertificateFormatError("leaf \(i): multiplier \"\(b.multiplier)\" is not a rational")
        }
        decision = .boundedOnSet(constraint: b.constraint, multiplier: lambda, upperBound: try double(b.upperBound))
      default:
        throw ProofCertificateFormatError(
          "leaf \(i): needs exactly one of \"bounded\", \"discarded\" and \"boundedOnSet\"")
      }
      leaves.append(Leaf(piece: leaf.piece, lower: lower, upper: upper, decision: decision))
    }
    self.init(condition: condition, expression: dto.expression, strict: dto.strict,
              variables: dto.variables, pieces: pieces, leaves: leaves)
  }

  /// `n` or `n/d` (optional sign on n, d > 0 not required but nonzero).
  static func rational(_ text: String) -> Rational? {
    let parts = text.split(separator: "/", omittingEmptySubsequences: false)
    guard parts.count <= 2, let n = BigInt(String(parts[0])) else { return nil }
    guard parts.count == 2 else { return Rational(n) }
    guard let d = BigInt(String(parts[1])), !d.isZero else { return nil }
    return Rational(n, d)
  }

  /// The double equal to `r`, or nil when `r` is not exactly a finite double.
  static func exactDouble(_ r: Rational) -> Double? {
    let e = r.doubleEnclosure
    return e.lower == e.upper && e.lower.isFinite ? e.lower : nil
  }

  /// Exact rational text of a finite double.
  static func text(_ x: Double) -> String {
    precondition(x.isFinite, "certificate value \(x) is not finite")
    return Rational(exactly: x)!.description
  }
}

private struct CertificateDTO: Codable {
  struct PieceDTO: Codable {
    var box: [[String]]
    var constraints: [String]
  }
  struct DiscardDTO: Codable {
    var constraint: Int
    var lowerBound: String
  }
  struct BoundedOnSetDTO: Codable {
    var constraint: Int
    var multiplier: String
    var upperBound: String
  }
  struct LeafDTO: Codable {
    var piece: Int
    var lower: [String]
    var upper: [String]
    var bounded: String?
    var discarded: DiscardDTO?
    var boundedOnSet: BoundedOnSetDTO?
  }

  var format: String
  var condition: String
  var expression: String
  var strict: Bool
  var variables: [String]
  var pieces: [PieceDTO]
  var leaves: [LeafDTO]

  init(_ c: ProofCertificate) {
    format = ProofCertificate.format
    condition = c.condition.rawValue
    expression = c.expression
    strict = c.strict
    variables = c.variables
    pieces = c.pieces.map { p in
      PieceDTO(box: p.box.bounds.map { [$0.lower.description, $0.upper.description] }, constraints: p.constraints)
    }
    leaves = c.leaves.map { leaf in
      var dto = LeafDTO(piece: leaf.piece, lower: leaf.lower.map(ProofCertificate.text),
                        upper: leaf.upper.map(ProofCertificate.text))
      switch leaf.decision {
      case .bounded(let u): dto.bounded = ProofCertificate.text(u)
      case .discarded(let k, let l): dto.discarded = DiscardDTO(constraint: k, lowerBound: ProofCertificate.text(l))
      case .boundedOnSet(let k, let lambda, let u):
        dto.boundedOnSet = BoundedOnSetDTO(constraint: k, multiplier: lambda.description,
                                           upperBound: ProofCertificate.text(u))
      }
      return dto
    }
  }
}

import BCVExpression
import BCVNumerics

/// The forward pass of HC4: every register's enclosure over a box, with the
/// definedness policy the contractor's guarantee rests on.
///
/// A register's enclosure is `Interval.undefined` whenever its expression may be undefined
/// at some point of the box, and a defined enclosure means "defined at every point". The
/// interval library already does this for log, sqrt, tan and real powers; it does not for
/// division by an interval holding 0 or a negative integer power of one (it returns
/// `entire` there, see `Interval./`), so this pass maps those to `undefined` itself.
/// Undefined propagates to every register computed from it.
struct HC4Forward: Sendable {
  let tape: Tape
  /// Enclosures of the tape's constants, computed once.
  let constants: [Interval]

  init(tape: Tape) {
    self.tape = tape
    self.constants = tape.constants.map { Interval(tapeConstant: $0) }
  }

  /// Fills `values` with one enclosure per instruction.
  func evaluate(_ box: [Interval], into values: inout [Interval]) {
    values.removeAll(keepingCapacity: true)
    for ins in tape.instructions {
      let a = Int(ins.a), b = Int(ins.b)
      let r: Interval
      switch ins.op {
      case .variable: r = box[a]
      case .constant: r = constants[a]
      case .pi: r = .pi
      case .add: r = values[a] + values[b]
      case .subtract: r = values[a] - values[b]
      case .multiply: r = values[a] * values[b]
      case .divide: r = Self.mayVanish(values[b]) ? .undefined : values[a] / values[b]
      case .negate: r = -values[a]
      case .powInt: r = ins.b < 0 && Self.mayVanish(values[a]) ? .undefined : values[a].pow(b)
      case .powReal: r = values[a].pow(values[b])
      case .sin: r = values[a].sin()
      case .cos: r = values[a].cos()
      case .tan: r = values[a].tan()
      case .exp: r = values[a].exp()
      case .log: r = values[a].log()
      case .sqrt: r = values[a].sqrt()
      case .tanh: r = values[a].tanh()
      case .atan: r = values[a].atan()
      case .abs: r = values[a].abs()
      case .sign: r = values[a].applying(.sign)
      }
      values.append(r)
    }
  }

  /// Whether 0 may lie in `x` (or `x` is undefined, in which case the result is
  /// undefined anyway).
  @inline(__always)
  static func mayVanish(_ x: Interval) -> Bool {
    x.isPossiblyUndefined || (x.lower <= 0 && 0 <= x.upper)
  }
}

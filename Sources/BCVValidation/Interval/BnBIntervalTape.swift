import BCVExpression
import BCVNumerics

/// A tape prepared for fast interval evaluation, with the strict domain policy the
/// branch-and-bound needs.
///
/// Every register encloses the real value of its subexpression at every point of the
/// input box, or is `Interval.undefined` when the subexpression may be undefined at some
/// point of the box. Stricter than `Interval`'s own operators in two places, because the
/// obligation counts a point where g is undefined as a violation: a division whose divisor
/// encloses 0, and a negative integer power of an interval containing 0, are `undefined`
/// here (the operators return `entire`, which a later `sin`, `atan` or `tanh` would turn
/// back into a finite, unsound-looking bound). Everything else uses the outward-rounded
/// `Interval` operations, which already return `undefined` outside their domains.
struct BnBIntervalTape: Sendable {
  let tape: Tape
  /// The tightest enclosure of each constant of the tape, computed once.
  let constants: [Interval]

  init(_ tape: Tape) {
    self.tape = tape
    constants = tape.constants.map { Interval(tapeConstant: $0) }
  }

  var registerCount: Int { tape.instructions.count }

  /// Evaluates every instruction over the box `box` (one interval per variable) into
  /// `registers`, which must hold `registerCount` values.
  func evaluate(_ box: UnsafeBufferPointer<Interval>, into registers: UnsafeMutableBufferPointer<Interval>) {
    precondition(registers.count >= tape.instructions.count,
                 "\(registers.count) registers for \(tape.instructions.count) instructions")
    for (i, ins) in tape.instructions.enumerated() {
      let a = Int(ins.a), b = Int(ins.b)
      let value: Interval
      switch ins.op {
      case .variable: value = box[a]
      case .constant: value = constants[a]
      case .pi: value = .pi
      case .add: value = registers[a] + registers[b]
      case .subtract: value = registers[a] - registers[b]
      case .multiply: value = registers[a] * registers[b]
      case .divide:
        let d = registers[b]
        value = d.lower <= 0 && 0 <= d.upper ? .undefined : registers[a] / d
      case .negate: value = -registers[a]
      case .powInt:
        let x = registers[a]
        value = b < 0 && x.lower <= 0 && 0 <= x.upper ? .undefined : x.pow(b)
      case .powReal: value = registers[a].pow(registers[b])
      case .sin: value = registers[a].sin()
      case .cos: value = registers[a].cos()
      case .tan: value = registers[a].tan()
      case .exp: value = registers[a].exp()
      case .log: value = registers[a].log()
      case .sqrt: value = registers[a].sqrt()
      case .tanh: value = registers[a].tanh()
      case .atan: value = registers[a].atan()
      case .abs: value = registers[a].abs()
      case .sign: value = registers[a].applying(.sign)
      }
      registers[i] = value
    }
  }

  /// The register holding output j.
  @inline(__always)
  func output(_ j: Int) -> Int { tape.outputs[j] }
}

import BCVNumerics

/// Interval evaluation of a tape over boxes, into a buffer the caller owns: the one
/// interval evaluator that the branch-and-bound (`interval`), the HC4 contractor (`smt`,
/// sampling boxes, `interval`'s contraction) and their forward passes use.
///
/// ## Guarantee
/// After `evaluate(_:into:)`, register i encloses the real value of instruction i's
/// subexpression at every point of the box (outward rounding, the `Interval` operations),
/// or is `Interval.undefined` when that subexpression may be undefined at some point of
/// the box. A defined register therefore means "defined at every point of the box".
/// Stricter than `Interval`'s plain operators in two places: a division whose divisor
/// encloses 0 and a negative integer power of an interval holding 0 are `undefined` (the
/// operators return `entire`, which a later `atan`, `sin` or `tanh` would turn back into
/// a finite, unsound-looking bound). `undefined` propagates to every register computed
/// from it.
///
/// Every instruction is evaluated by `Instruction.value(variable:constant:register:)`
/// with `Interval`'s `TapeScalar` operations, the same code as the generic
/// `Tape.evaluate(at:registers:)` over `Interval`; this type only adds constants
/// enclosed once and registers in a caller-owned buffer, so evaluating a box allocates
/// nothing.
public struct IntervalTapeEvaluator: Sendable {
  public let tape: Tape
  /// The tightest enclosure of each constant of the tape (`Interval(tapeConstant:)`),
  /// computed once.
  public let constants: [Interval]

  public init(_ tape: Tape) {
    self.tape = tape
    constants = tape.constants.map { Interval(tapeConstant: $0) }
  }

  /// The number of registers a buffer passed to `evaluate(_:into:)` must hold.
  public var registerCount: Int { tape.instructions.count }

  /// Evaluates every instruction over `box` (one interval per variable) into
  /// `registers`, which must hold at least `registerCount` values.
  public func evaluate(_ box: UnsafeBufferPointer<Interval>, into registers: UnsafeMutableBufferPointer<Interval>) {
    precondition(box.count >= tape.variableCount,
                 "box has \(box.count) sides, tape has \(tape.variableCount) variables")
    precondition(registers.count >= tape.instructions.count,
                 "\(registers.count) registers for \(tape.instructions.count) instructions")
    constants.withUnsafeBufferPointer { c in
      for (i, ins) in tape.instructions.enumerated() {
        registers[i] = ins.value(variable: { box[$0] }, constant: { c[$0] }, register: { registers[$0] })
      }
    }
  }

  /// The register holding output j.
  @inline(__always)
  public func output(_ j: Int) -> Int { tape.outputs[j] }
}

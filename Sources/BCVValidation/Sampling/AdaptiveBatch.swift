import BCVExpression
import BCVNumerics

/// One piece of an obligation's region as the adaptive search sees it: the largest box of
/// doubles inside the exact box, its widths (the unit of every step), and the tape outputs
/// of its constraints.
struct SearchPiece {
  /// The piece's index in `obligation.region.pieces`.
  let region: Int
  let lower: [Double]
  let upper: [Double]
  let width: [Double]
  let constraints: [Int]

  /// The pieces whose boxes contain a double, in region order.
  static func all(of compiled: CompiledObligation) -> [SearchPiece] {
    compiled.obligation.region.pieces.enumerated().compactMap { p, piece in
      guard let inner = piece.box.innerDoubleBounds else { return nil }
      return SearchPiece(region: p, lower: inner.lower, upper: inner.upper,
                         width: zip(inner.lower, inner.upper).map { $1 - $0 },
                         constraints: compiled.pieceConstraints[p])
    }
  }
}

/// A batch of points evaluated together on the obligation's tape, with where each point
/// came from. Buffers are allocated once and reused for every batch.
struct AdaptiveBatch {
  /// `origin` of a fresh uniform point; otherwise the index of the walker that proposed it.
  static let uniform = -1

  let dimension: Int
  let capacity: Int
  let evaluator: DoubleBatchEvaluator
  private(set) var count = 0
  /// Variable-major: coordinate v of point k is `inputs[v * capacity + k]`.
  private var inputs: [Double]
  private(set) var piece: [Int]
  private(set) var origin: [Int]

  init(compiled: CompiledObligation, capacity: Int) {
    dimension = compiled.obligation.dimension
    self.capacity = capacity
    evaluator = DoubleBatchEvaluator(tape: compiled.tape, capacity: capacity)
    inputs = Array(repeating: 0, count: dimension * capacity)
    piece = Array(repeating: 0, count: capacity)
    origin = Array(repeating: 0, count: capacity)
  }

  var isFull: Bool { count == capacity }

  mutating func removeAll() { count = 0 }

  /// Adds a point (coordinates to be written with `set`) and returns its slot.
  mutating func append(piece p: Int, origin o: Int) -> Int {
    precondition(count < capacity, "batch is full")
    piece[count] = p
    origin[count] = o
    count += 1
    return count - 1
  }

  @inline(__always)
  mutating func set(_ k: Int, axis: Int, _ value: Double) { inputs[axis * capacity + k] = value }

  @inline(__always)
  func coordinate(_ k: Int, axis: Int) -> Double { inputs[axis * capacity + k] }

  func point(_ k: Int) -> [Double] { (0..<dimension).map { inputs[$0 * capacity + k] } }

  /// Evaluates the tape at every point of the batch; read results with `output`.
  func evaluate() {
    inputs.withUnsafeBufferPointer {
      evaluator.evaluate(inputs: $0.baseAddress!, stride: capacity, count: count)
    }
  }

  @inline(__always)
  func output(_ j: Int) -> UnsafeBufferPointer<Double> { evaluator.output(j) }
}

/// The values and gradients of the obligation's expression and of every constraint, on one
/// tape compiled once per obligation: output j·(n+1) is value j of the obligation's tape
/// (0 is the expression) and outputs j·(n+1)+1+i its partial derivatives ∂/∂xᵢ.
/// Evaluating it at a point counts as one evaluation.
struct GradientBatch {
  let dimension: Int
  let capacity: Int
  let evaluator: DoubleBatchEvaluator
  private var inputs: [Double]
  private(set) var count = 0

  init(compiled: CompiledObligation, capacity: Int) {
    let n = compiled.obligation.dimension
    var expressions: [Int: Expr] = [0: compiled.obligation.expression]
    for (piece, outputs) in zip(compiled.obligation.region.pieces, compiled.pieceConstraints) {
      for (c, j) in zip(piece.constraints, outputs) { expressions[j] = c }
    }
    var outputs: [Expr] = []
    for j in 0..<compiled.tape.outputs.count {
      let e = expressions[j]!
      outputs.append(e)
      for i in 0..<n { outputs.append(e.derivative(withRespectTo: i)) }
    }
    dimension = n
    self.capacity = capacity
    evaluator = DoubleBatchEvaluator(tape: Tape(compiling: outputs, variableCount: n), capacity: capacity)
    inputs = Array(repeating: 0, count: n * capacity)
  }

  mutating func removeAll() { count = 0 }

  /// Adds a point and returns its slot.
  mutating func append(_ point: [Double]) -> Int {
    precondition(count < capacity, "gradient batch is full")
    for v in 0..<dimension { inputs[v * capacity + count] = point[v] }
    count += 1
    return count - 1
  }

  func evaluate() {
    inputs.withUnsafeBufferPointer {
      evaluator.evaluate(inputs: $0.baseAddress!, stride: capacity, count: count)
    }
  }

  /// Value of tape output `j` at point `k`.
  func value(_ j: Int, _ k: Int) -> Double { evaluator.output(j * (dimension + 1))[k] }

  /// ∂(tape output j)/∂x_axis at point `k`.
  func partial(_ j: Int, axis: Int, _ k: Int) -> Double { evaluator.output(j * (dimension + 1) + 1 + axis)[k] }
}

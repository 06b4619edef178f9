import BCVExpression
import BCVNumerics
import BCVValidation
import Testing

@Suite struct LowDiscrepancy {
  /// χ² of the counts of `points` (2-D, in [0,1)²) over a `cells`×`cells` grid.
  func gridChiSquare(_ points: [[Double]], cells: Int) -> Double {
    var counts = Array(repeating: 0, count: cells * cells)
    for p in points { counts[Int(p[0] * Double(cells)) * cells + Int(p[1] * Double(cells))] += 1 }
    let expected = Double(points.count) / Double(cells * cells)
    return counts.reduce(0) { $0 + (Double($1) - expected) * (Double($1) - expected) / expected }
  }

  /// An estimate of the star discrepancy: the largest |fraction of points in [0,a)×[0,b) − ab|
  /// over a grid of anchored boxes.
  func starDiscrepancy(_ points: [[Double]], grid: Int = 64) -> Double {
    var worst = 0.0
    for i in 1...grid {
      for j in 1...grid {
        let a = Double(i) / Double(grid), b = Double(j) / Double(grid)
        let inside = points.filter { $0[0] < a && $0[1] < b }.count
        worst = max(worst, Swift.abs(Double(inside) / Double(points.count) - a * b))
      }
    }
    return worst
  }

  @Test func pointsLieInTheUnitCube() {
    for dimension in [1, 2, 5, 12] {
      let sequence = HaltonSequence(dimension: dimension, seed: 7)
      var cursor = sequence.cursor(at: 0)
      for _ in 0..<5000 {
        for a in 0..<dimension { #expect(cursor.coordinate(a) >= 0 && cursor.coordinate(a) < 1) }
        cursor.advance()
      }
    }
  }

  @Test func unshiftedRadicalInversesAreTheTextbookValues() {
    // Base 2: 0, 1/2, 1/4, 3/4, 1/8; base 3: 0, 1/3, 2/3, 1/9, 4/9. With the shift removed.
    let s = HaltonSequence(dimension: 2, seed: 3)
    let expected: [[Double]] = [[0, 0], [0.5, 1.0 / 3], [0.25, 2.0 / 3], [0.75, 1.0 / 9], [0.125, 4.0 / 9]]
    for (k, e) in expected.enumerated() {
      let p = s.point(k)
      for a in 0..<2 {
        var u = p[a] - s.shift[a]
        if u < 0 { u += 1 }
        #expect(Swift.abs(u - e[a]) < 1e-12)
      }
    }
  }

  @Test func deterministicAndSeedDependent() {
    let a = HaltonSequence(dimension: 3, seed: 1), b = HaltonSequence(dimension: 3, seed: 1)
    let c = HaltonSequence(dimension: 3, seed: 2), d = HaltonSequence(dimension: 3, seed: 1, stream: 5)
    #expect((0..<100).allSatisfy { a.point($0) == b.point($0) })
    #expect(a.shift != c.shift)
    #expect(a.shift != d.shift)
    #expect((0..<100).filter { a.point($0) == c.point($0) }.isEmpty)
  }

  @Test func chunkedGenerationEqualsSequential() {
    let sequence = HaltonSequence(dimension: 4, seed: 11)
    var sequential: [[Double]] = []
    var cursor = sequence.cursor(at: 0)
    for _ in 0..<3000 {
      sequential.append((0..<4).map { cursor.coordinate($0) })
      cursor.advance()
    }
    // Chunks started anywhere, in any order, and direct evaluation agree bit for bit.
    for start in [2048, 0, 1000, 729, 2187] {
      var chunk = sequence.cursor(at: start)
      for k in start..<min(start + 300, 3000) {
        #expect((0..<4).map { chunk.coordinate($0) } == sequential[k])
        #expect(sequence.point(k) == sequential[k])
        chunk.advance()
      }
    }
  }

  /// The first `n` points of a 2-D sequence, walked with a cursor.
  func firstPoints<Points: UnitCubePoints>(_ cursor: Points, _ n: Int) -> [[Double]] {
    var cursor = cursor
    return (0..<n).map { _ in
      defer { cursor.advance() }
      return [cursor.coordinate(0), cursor.coordinate(1)]
    }
  }

  @Test func moreEvenlySpreadThanRandomPoints() {
    let n = 4096
    var rng = SeededGenerator(seed: 5)
    let r = (0..<n).map { _ in [rng.nextUnit(), rng.nextUnit()] }
    let h = firstPoints(HaltonSequence(dimension: 2, seed: 5).cursor(at: 0), n)
    let s = firstPoints(SobolSequence(dimension: 2, seed: 5).cursor(at: 0), n)
    // 256 cells, 16 points expected in each: random χ² ≈ 255 ± 23; low discrepancy far lower.
    #expect(gridChiSquare(r, cells: 16) > 150)
    #expect(gridChiSquare(h, cells: 16) < 40)
    #expect(gridChiSquare(s, cells: 16) < 40)
    let dRandom = starDiscrepancy(Array(r.prefix(1024)))
    for points in [h, s] {
      let d = starDiscrepancy(Array(points.prefix(1024)))
      #expect(d < dRandom / 2)
      #expect(d < 0.01)
    }
  }
}

@Suite struct SobolPoints {
  /// The unrotated value of a coordinate, as a multiple of 2⁻ᵐ (exact for indices below 2ᵐ).
  func dyadic(_ x: Double, shift: Double, m: Int) -> Int {
    var u = x - shift
    if u < -1e-9 { u += 1 } else if u < 0 { u = 0 }
    return Int((u * Double(1 << m)).rounded()) % (1 << m)
  }

  @Test func firstPointsAreTheTextbookGrayCodeOnes() {
    let s = SobolSequence(dimension: 2, seed: 1)
    let expected = [[0, 0], [2, 2], [3, 1], [1, 3]]  // in quarters: (0,0) (½,½) (¾,¼) (¼,¾)
    for (k, e) in expected.enumerated() {
      let p = s.point(k)
      #expect((0..<2).map { dyadic(p[$0], shift: s.shift[$0], m: 2) } == e)
    }
  }

  @Test func theFirstTwoAxesFormA0m2Net() {
    // Every 2^-i × 2^-(m-i) dyadic box holds exactly one of the first 2^m points.
    let m = 10
    let s = SobolSequence(dimension: 2, seed: 3)
    let cells = (0..<(1 << m)).map { k -> (Int, Int) in
      let p = s.point(k)
      return (dyadic(p[0], shift: s.shift[0], m: m), dyadic(p[1], shift: s.shift[1], m: m))
    }
    for i in 0...m {
      let boxes = Set(cells.map { ($0.0 >> (m - i)) * (1 << m) + ($0.1 >> i) })
      #expect(boxes.count == 1 << m)
    }
  }

  @Test func inTheCubeDeterministicSeededAndChunkable() {
    let d = SobolSequence.maxDimension
    let s = SobolSequence(dimension: d, seed: 8), same = SobolSequence(dimension: d, seed: 8)
    #expect(s.shift != SobolSequence(dimension: d, seed: 9).shift)
    var cursor = s.cursor(at: 0)
    var sequential: [[Double]] = []
    for _ in 0..<2000 {
      let p = (0..<d).map { cursor.coordinate($0) }
      #expect(p.allSatisfy { $0 >= 0 && $0 < 1 })
      sequential.append(p)
      cursor.advance()
    }
    for start in [1024, 0, 333, 1999] {
      var chunk = s.cursor(at: start)
      for k in start..<min(start + 200, 2000) {
        #expect((0..<d).map { chunk.coordinate($0) } == sequential[k])
        #expect(same.point(k) == sequential[k])
        chunk.advance()
      }
    }
  }

  @Test func beyondTheTableTheHaltonSequenceIsUsed() {
    let high = LowDiscrepancySequence(.sobol, dimension: SobolSequence.maxDimension + 1, seed: 1, stream: 0)
    let low = LowDiscrepancySequence(.sobol, dimension: 3, seed: 1, stream: 0)
    if case .halton? = high {} else { Issue.record("expected Halton above \(SobolSequence.maxDimension) axes") }
    if case .sobol? = low {} else { Issue.record("expected Sobol for 3 axes") }
    #expect(LowDiscrepancySequence(.uniform, dimension: 3, seed: 1, stream: 0) == nil)
  }
}

@Suite struct LowDiscrepancySampling {
  let vars = ["x1", "x2"]

  func invalidProblem() throws -> BarrierProblem {
    try makeProblem(variables: vars, dynamics: ["x2 + 0.1*x1", "-x1"], domain: [(-2, 2), (-2, 2)],
                    initial: try whereSet(vars, ["x1^2 + x2^2 <= 0.25"]),
                    unsafe: StateSet(box: [0: Bounds(Rational(3) / Rational(2), Rational(2))]),
                    certificate: "x1^2 + x2^2 - 1")
  }

  func settings(seed: UInt64, workers: Int = 1, samples: Int = 20_000,
                sequence: SampleSequence = .halton) -> StrategySettings {
    var s = StrategySettings()
    s.sequence = sequence
    s.seed = seed
    s.workers = workers
    s.samples = samples
    return s
  }

  @Test(arguments: [SampleSequence.halton, .sobol])
  func findsConfirmedCounterexamplesAndIsIndependentOfWorkers(_ sequence: SampleSequence) throws {
    let obligations = try compiled(invalidProblem())
    let verdicts = [1, 2, 3].map {
      SamplingStrategy().validate(obligations, settings: settings(seed: 9, workers: $0, sequence: sequence))
    }
    #expect(verdicts[0].kind == .invalid)
    #expect(verdicts[0].counterexample?.confirmation == .exactRational)
    for v in verdicts.dropFirst() { #expect(v == verdicts[0]) }
  }

  @Test func differsFromUniformAndBetweenSeeds() throws {
    let obligations = try compiled(invalidProblem())
    var uniform = settings(seed: 9)
    uniform.sequence = .uniform
    let u = SamplingStrategy().validate(obligations, settings: uniform)
    let h9 = SamplingStrategy().validate(obligations, settings: settings(seed: 9))
    let h10 = SamplingStrategy().validate(obligations, settings: settings(seed: 10))
    let s9 = SamplingStrategy().validate(obligations, settings: settings(seed: 9, sequence: .sobol))
    #expect(u.counterexample != h9.counterexample)
    #expect(h9.counterexample != h10.counterexample)
    #expect(s9.counterexample != h9.counterexample && s9.counterexample != u.counterexample)
  }

  @Test(arguments: [SampleSequence.halton, .sobol])
  func coversTheRegionOfAValidCase(_ sequence: SampleSequence) throws {
    let p = try makeProblem(variables: vars, dynamics: ["-x1", "-x2"], domain: [(-2, 2), (-2, 2)],
                            initial: try whereSet(vars, ["x1^2 + x2^2 <= 0.25"]),
                            unsafe: StateSet(box: [0: Bounds(Rational(3) / Rational(2), Rational(2))]),
                            certificate: "x1^2 + x2^2 - 1")
    let verdict = SamplingStrategy().validate(try compiled(p), settings: settings(seed: 1, samples: 4000, sequence: sequence))
    #expect(verdict.kind == .valid)
    #expect(verdict.proof == false)
    // The initial disk is π/64 ≈ 4.9% of the box: an even cover hits it almost exactly.
    let hits = Double(verdict.obligations[0].samplesInRegion)
    #expect(Swift.abs(hits - 4000 * Double.pi / 64) < 12)
  }
}

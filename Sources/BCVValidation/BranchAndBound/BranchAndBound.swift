/// The interval branch-and-bound behind the `interval` strategy (`IntervalStrategy`
/// describes the algorithm and its guarantees), as one namespace:
///
/// - `Search`: one run over an obligation, in deterministic breadth-first waves;
/// - `Program`: what is compiled once per obligation and shared read-only by the workers
///   (interval evaluators of g, its gradient and the constraints; Bernstein enclosures;
///   `SetMultiplier`s);
/// - `Worker`: decides boxes for one worker thread (discard, HC4 contraction, enclosure,
///   `PointSearch` for a confirmed counterexample, split), returning a `ChunkOutcome`;
/// - `BoxList`: a wave of boxes in flat storage; `Tally`: the undecided measure and the
///   counters merged in chunk order.
enum BranchAndBound {}

# bcv-bench: common tasks. `swift test` and `swift run bcv-bench --suite smoke` need nothing else.
SWIFT ?= swift

.PHONY: build test bench standard extended perf gate-check fuzz verify-corpus clean

build:
	$(SWIFT) build

test:
	$(SWIFT) test

# The smoke suite: every strategy on a dozen cases; writes Reports/smoke/.
bench:
	$(SWIFT) run -c release bcv-bench --suite smoke

standard:
	$(SWIFT) run -c release bcv-bench --suite standard

extended:
	$(SWIFT) run -c release bcv-bench --suite extended

# Micro-benchmarks: compiled evaluator vs hand-written Swift, in nanoseconds per point.
perf:
	$(SWIFT) run -c release bcv-perf evaluator obligations parallel budget

# Gate quality: the standard suite twice on this build; false alarms, then a 25% slowdown
# injected into one strategy at a time in a copy of the second run.
gate-check:
	$(SWIFT) run -c release bcv-bench --suite standard --out Reports/gate-a --quiet --history Reports/history/gate-check.jsonl
	$(SWIFT) run -c release bcv-bench --suite standard --out Reports/gate-b --quiet --history Reports/history/gate-check.jsonl
	$(SWIFT) run -c release bcv-perf gate Reports/gate-a Reports/gate-b

# Hostile input: 100,000 mutated corpus/suite files and random expressions; no crash, no hang.
fuzz:
	$(SWIFT) run -c release bcv-fuzz 100000 1

# Re-confirms every expected verdict of Suites/corpus independently (z3, exact arithmetic).
verify-corpus:
	@command -v z3 >/dev/null || echo "verify-corpus: z3 is needed (apt-get install -y z3)"
	@python3 -c "import mpmath" 2>/dev/null || python3 -m pip install -q "mpmath>=1.2"
	python3 Tests/CorpusVerifier/verify_corpus.py --jobs 2

clean:
	rm -rf .build Reports/*/

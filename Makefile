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

# Gate quality, measured (issue #12 item 8): GATE_RUNS back-to-back runs of Suites/gate-check.json
# (the smoke cases, every strategy, 5 repetitions; ~8 s each in release, ~6 min in all) into
# Reports/gate-check/run-NN, then `bcv-perf gate`, which gates N = (GATE_RUNS - 1) / 2 independent
# A/A pairs (runs 2i, 2i+1; run 2i+2 stands in for the confirmation re-run) and injects +10% and
# +25% slowdowns into one strategy at a time. Prints per strategy and in total: A/A false alarms
# x of N, detections y of N (and alarms on other strategies), after and before confirmation,
# then a diagnosis (unstable jobs, strategy-wide median ratios, per-job flags, each run's overall
# speed, which pairs alarmed or missed).
# The history goes to a file under Reports/gate-check: not /dev/null, which the atomic history
# write (temporary file + rename) would replace when run as root.
GATE_RUNS ?= 42
gate-check:
	rm -rf Reports/gate-check
	$(SWIFT) build -c release --product bcv-bench
	bin=$$($(SWIFT) build -c release --show-bin-path) && for i in $$(seq -w 0 $$(($(GATE_RUNS) - 1))); do \
	  $$bin/bcv-bench run --suite gate-check --out Reports/gate-check/run-$$i --quiet \
	    --history Reports/gate-check/history.jsonl || exit 1; \
	done
	$(SWIFT) run -c release bcv-perf gate Reports/gate-check/run-*

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

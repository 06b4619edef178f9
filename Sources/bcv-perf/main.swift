print("bcv-perf")

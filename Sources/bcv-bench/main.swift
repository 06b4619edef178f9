print("bcv-bench: not yet")

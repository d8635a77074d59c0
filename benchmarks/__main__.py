"""`make bench` / `make bench-quick`: see benchmarks/runner.py (options: python -m benchmarks --help)."""

import sys

from benchmarks.runner import main

if __name__ == "__main__":
    sys.exit(main())

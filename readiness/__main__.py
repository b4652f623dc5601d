"""`python -m readiness` starts the desktop app."""

import sys

from readiness.cli import main

if __name__ == "__main__":
    if getattr(sys, "frozen", False):
        # The frozen app is also the interpreter of the code-book build's worker
        # processes (readiness/codebook/parallel_build.py): let them run their job.
        import multiprocessing

        multiprocessing.freeze_support()
    sys.exit(main())

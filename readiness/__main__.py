"""`python -m readiness` starts the desktop app."""

import sys

from readiness.cli import main

if __name__ == "__main__":
    sys.exit(main())

"""``python -m readiness.bank check|import|export``."""

import sys

from readiness.bank.cli import main

if __name__ == "__main__":
    sys.exit(main())

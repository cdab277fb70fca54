"""`claims readability` (gradedclaims.commands.readability), kept at this path: `python scripts/readability_report.py` runs it too."""

import sys

from gradedclaims.commands.readability import main

if __name__ == "__main__":
    sys.exit(main())

"""`claims check` (gradedclaims.commands.check), kept at this path: `python scripts/check_claims.py` runs it too."""

import sys

from gradedclaims.commands.check import main

if __name__ == "__main__":
    sys.exit(main())

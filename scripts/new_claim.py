"""`claims new` (gradedclaims.commands.new), kept at this path: `python scripts/new_claim.py` runs it too."""

import sys

from gradedclaims.commands.new import main

if __name__ == "__main__":
    sys.exit(main())

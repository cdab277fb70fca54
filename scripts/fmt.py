"""`claims fmt` (gradedclaims.commands.fmt), kept at this path: `python scripts/fmt.py` runs it too."""

import sys

from gradedclaims.commands.fmt import main

if __name__ == "__main__":
    sys.exit(main())

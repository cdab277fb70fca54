"""`claims diff` (gradedclaims.commands.diff), kept at this path: `python scripts/register_diff.py` runs it too."""

import sys

from gradedclaims.commands.diff import main

if __name__ == "__main__":
    sys.exit(main())

"""`claims add-ref` (gradedclaims.commands.add_ref), kept at this path: `python scripts/add_ref.py` runs it too."""

import sys

from gradedclaims.commands.add_ref import main

if __name__ == "__main__":
    sys.exit(main())

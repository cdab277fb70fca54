"""`claims refresh-refs` (gradedclaims.commands.refresh_refs), kept at this path: `python scripts/refresh_refs.py` runs it too."""

import sys

from gradedclaims.commands.refresh_refs import main

if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Generate a synthetic register (claims, references, pages with markers) of any size.

Usage: python scripts/gen_synthetic.py DIR --claims 10000 [--refs 5000] [--pages 1000] [--seed 1]
"""

import argparse
import sys
from pathlib import Path

from gradedclaims.synthetic import Size, generate


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="gen-synthetic", description=__doc__.splitlines()[0])
    parser.add_argument("dir")
    parser.add_argument("--claims", type=int, required=True)
    parser.add_argument("--refs", type=int, help="default: half the claims")
    parser.add_argument("--pages", type=int, help="default: a tenth of the claims (about 20 markers each)")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    size = Size(args.claims, args.refs or max(1, args.claims // 2), args.pages or max(1, args.claims // 10))
    generate(Path(args.dir), size, args.seed)
    print(f"wrote {size.claims} claims, {size.refs} references, {size.pages} pages to {args.dir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

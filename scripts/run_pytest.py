#!/usr/bin/env python3
"""Run pytest and fail when it collected nothing.

pytest exits with 5 when no test ran; a misnamed file or a marker typo would then pass CI
silently. Here that becomes a failure with a message saying so.
"""

import sys

import pytest

NO_TESTS_COLLECTED = 5

if __name__ == "__main__":
    code = pytest.main(sys.argv[1:])
    if code == NO_TESTS_COLLECTED:
        print("run_pytest: pytest collected no tests; treating that as a failure", file=sys.stderr)
        sys.exit(1)
    sys.exit(int(code))

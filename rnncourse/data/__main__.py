"""``python -m rnncourse.data fetch [--force]``: download and verify the course's data."""

import argparse
import sys

from . import DataError, cache_dir, fetch_all


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m rnncourse.data", description=__doc__)
    parser.add_argument("command", choices=["fetch"])
    parser.add_argument("--force", action="store_true", help="download again even if cached")
    args = parser.parse_args(argv)
    try:
        paths = fetch_all(force=args.force)
    except DataError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print(f"data cache {cache_dir()}:")
    for path in paths:
        print(f"  {path.name}: verified")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""`python -m mobile_contract check|update`."""

from __future__ import annotations

import sys

from mobile_contract import SCHEMA_FILE
from mobile_contract.check import check, update


def main() -> None:
    command = sys.argv[1] if len(sys.argv) > 1 else "check"
    if command == "update" and not SCHEMA_FILE.exists():
        update()
        print("mobile_contract/schema.graphql written")
        return
    report = check()
    if command == "update":
        if report.breaking:
            sys.exit("refusing to record breaking changes:\n  " + "\n  ".join(report.breaking))
        update()
        print("mobile_contract/schema.graphql updated")
        return
    for line in report.breaking:
        print(f"BREAKING: {line}")
    for line in report.dangerous:
        print(f"dangerous: {line}")
    if report.unrecorded:
        print(
            "the schema changed: raise feature_level in contract.json, add a changelog entry, "
            "then run `python -m mobile_contract update`"
        )
    if report.changelog_missing:
        print("CHANGELOG.md has no entry for the current feature level")
    sys.exit(0 if report.ok else 1)


if __name__ == "__main__":
    main()

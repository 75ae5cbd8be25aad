"""`python -m mobile_contract check|update` (`release` is another name for `update`)."""

from __future__ import annotations

import sys

from mobile_contract import load_contract
from mobile_contract.check import ContractError, changelog_heading, check, update

HOW = (
    "describe the change in mobile_contract/changes.d/<topic>.md, raise feature_level in "
    "mobile_contract/contract.json, then run `python -m mobile_contract update`"
)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    command = args[0] if args else "check"
    if command in ("update", "release"):
        return _update()
    if command == "check":
        return _check()
    print(f"usage: python -m mobile_contract [check|update|release], not {command!r}")
    return 2


def _update() -> int:
    try:
        release = update()
    except ContractError as refused:
        print(f"refused: {refused}")
        return 1
    if release.released:
        what = "schema and changelog" if release.schema_changed else "changelog"
        print(
            f"feature level {release.feature_level} released ({what}): "
            f"{', '.join(release.released)} folded into CHANGELOG.md"
        )
    else:
        print(f"no change to release; the schema stays at level {release.feature_level}")
    if release.pending:
        print(f"waiting for the next level: {', '.join(release.pending)}")
    return 0


def _check() -> int:
    report = check()
    level = load_contract().feature_level
    for line in report.breaking:
        print(f"BREAKING: {line}")
    for line in report.dangerous:
        print(f"dangerous: {line}")
    if report.unrecorded:
        print(f"the schema differs from the recorded one: {HOW}")
    if report.edited_by_hand:
        print("schema.graphql does not match its recorded fingerprint: it was edited by hand")
    if report.unreleased_level:
        print(f"feature_level {level} is not released yet: run `python -m mobile_contract update`")
    if report.changelog_missing:
        print(f"CHANGELOG.md has no '{changelog_heading(level)}' section")
    if report.pending:
        print(f"unreleased fragments in changes.d/: {', '.join(report.pending)}")
    if report.ok:
        print(f"the live schema is the recorded contract at feature level {level}")
    return 0 if report.ok else 1


if __name__ == "__main__":
    sys.exit(main())

"""Compare the live schema with the recorded one, and record a new level."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, replace

from graphql import build_schema as parse_sdl
from graphql import (
    find_breaking_changes,
    find_dangerous_changes,
    lexicographic_sort_schema,
    print_schema,
)

from mobile_contract import ContractFiles, load_contract, save_contract


class ContractError(Exception):
    """`update` refused: nothing was written."""


def canonical_sdl(sdl: str) -> str:
    """The schema printed in sorted order: two schemas that mean the same print the same."""
    return print_schema(lexicographic_sort_schema(parse_sdl(sdl))) + "\n"


def fingerprint(sdl: str) -> str:
    return hashlib.sha256(canonical_sdl(sdl).encode("utf-8")).hexdigest()


def current_sdl() -> str:
    """The live schema, in canonical form."""
    from graphql_schema.schema import build_schema

    return canonical_sdl(build_schema(production=False, max_query_nodes=10_000).as_str())


def changelog_heading(level: int) -> str:
    return f"## Feature level {level}"


@dataclass(frozen=True, slots=True)
class Report:
    breaking: list[str]
    dangerous: list[str]
    # the live schema differs from the recorded one
    unrecorded: bool
    # schema.graphql no longer matches the fingerprint recorded with it
    edited_by_hand: bool
    # feature_level was raised but `update` has not recorded it yet
    unreleased_level: bool
    changelog_missing: bool
    # fragments waiting for the next level (not a failure)
    pending: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not (
            self.breaking
            or self.unrecorded
            or self.edited_by_hand
            or self.unreleased_level
            or self.changelog_missing
        )


def check(files: ContractFiles | None = None, live_sdl: str | None = None) -> Report:
    files = files or ContractFiles()
    contract = load_contract(files)
    recorded_sdl = files.schema.read_text(encoding="utf-8")
    live_sdl = current_sdl() if live_sdl is None else live_sdl
    recorded, live = parse_sdl(recorded_sdl), parse_sdl(live_sdl)
    changelog = files.changelog.read_text(encoding="utf-8")
    return Report(
        breaking=[c.description for c in find_breaking_changes(recorded, live)],
        dangerous=[c.description for c in find_dangerous_changes(recorded, live)],
        unrecorded=fingerprint(live_sdl) != contract.recorded_sha256,
        edited_by_hand=fingerprint(recorded_sdl) != contract.recorded_sha256,
        unreleased_level=contract.feature_level != contract.recorded_level,
        changelog_missing=not _has_heading(changelog, contract.feature_level),
        pending=[path.name for path in files.fragments()],
    )


@dataclass(frozen=True, slots=True)
class Release:
    feature_level: int
    schema_changed: bool
    # the fragments folded into CHANGELOG.md; empty when nothing was released
    released: list[str]
    # fragments left waiting because the level was not raised
    pending: list[str]


def update(files: ContractFiles | None = None, live_sdl: str | None = None) -> Release:
    """Records the live schema; releases a raised level with its fragments.

    Without a schema change and without a raised level, only rewrites the recorded schema in
    canonical form (a reordering is no change). Raises `ContractError`, writing nothing, on a
    breaking change, a lowered level, a schema change without a raised level or without a
    fragment, a raised level with nothing to release, an empty fragment, or a level the
    changelog already has.
    """
    files = files or ContractFiles()
    contract = load_contract(files)
    live = canonical_sdl(current_sdl() if live_sdl is None else live_sdl)
    live_sha = fingerprint(live)
    recorded_sdl = files.schema.read_text(encoding="utf-8")
    if fingerprint(recorded_sdl) != contract.recorded_sha256:
        raise ContractError(
            f"{files.schema.name} does not match the fingerprint in {files.contract.name}: "
            "it was edited by hand; restore it (git) and change graphql_schema/ instead"
        )
    breaking = find_breaking_changes(parse_sdl(recorded_sdl), parse_sdl(live))
    if breaking:
        raise ContractError(
            "refusing to record breaking changes:\n  "
            + "\n  ".join(c.description for c in breaking)
        )
    level, recorded_level = contract.feature_level, contract.recorded_level
    if level < recorded_level:
        raise ContractError(
            f"feature_level {level} in {files.contract.name} is below the recorded level "
            f"{recorded_level}"
        )
    schema_changed = live_sha != contract.recorded_sha256
    fragments = files.fragments()
    if level == recorded_level:
        if schema_changed:
            raise ContractError(
                f"the schema changed: raise feature_level in {files.contract.name} above "
                f"{recorded_level}, describe the change in {files.changes.name}/<topic>.md, "
                "then run update again"
            )
        files.schema.write_text(live, encoding="utf-8")
        return Release(level, False, [], [path.name for path in fragments])
    if not fragments:
        what = "the schema changed" if schema_changed else f"feature_level is {level}"
        raise ContractError(
            f"{what} but {files.changes.name}/ has no fragment: describe the change in "
            f"{files.changes.name}/<topic>.md"
        )
    texts = [path.read_text(encoding="utf-8").strip() for path in fragments]
    empty = [path.name for path, text in zip(fragments, texts, strict=True) if not text]
    if empty:
        raise ContractError(f"empty fragments: {', '.join(empty)}")
    changelog = files.changelog.read_text(encoding="utf-8")
    if _has_heading(changelog, level):
        raise ContractError(
            f"{files.changelog.name} already has '{changelog_heading(level)}': raise "
            "feature_level further, or move that text into a fragment"
        )

    files.schema.write_text(live, encoding="utf-8")
    section = changelog_heading(level) + "\n\n" + "\n\n".join(texts) + "\n"
    files.changelog.write_text(changelog.rstrip("\n") + "\n\n" + section, encoding="utf-8")
    for path in fragments:
        path.unlink()
    save_contract(replace(contract, recorded_level=level, recorded_sha256=live_sha), files)
    return Release(level, schema_changed, [path.name for path in fragments], [])


def _has_heading(changelog: str, level: int) -> bool:
    return changelog_heading(level) in changelog.splitlines()

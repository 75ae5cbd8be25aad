"""Compare the live schema with the released one."""

from __future__ import annotations

from dataclasses import dataclass

from graphql import build_schema as parse_sdl
from graphql import find_breaking_changes, find_dangerous_changes

from mobile_contract import CHANGELOG_FILE, SCHEMA_FILE, load_contract


def current_sdl() -> str:
    from graphql_schema.schema import build_schema

    return build_schema(production=False, max_query_nodes=10_000).as_str() + "\n"


@dataclass(frozen=True, slots=True)
class Report:
    breaking: list[str]
    dangerous: list[str]
    unrecorded: bool
    changelog_missing: bool

    @property
    def ok(self) -> bool:
        return not (self.breaking or self.unrecorded or self.changelog_missing)


def check() -> Report:
    released_sdl = SCHEMA_FILE.read_text(encoding="utf-8")
    live_sdl = current_sdl()
    released, live = parse_sdl(released_sdl), parse_sdl(live_sdl)
    level = load_contract().feature_level
    return Report(
        breaking=[c.description for c in find_breaking_changes(released, live)],
        dangerous=[c.description for c in find_dangerous_changes(released, live)],
        unrecorded=released_sdl != live_sdl,
        changelog_missing=f"## Feature level {level}"
        not in CHANGELOG_FILE.read_text(encoding="utf-8"),
    )


def update() -> None:
    SCHEMA_FILE.write_text(current_sdl(), encoding="utf-8")

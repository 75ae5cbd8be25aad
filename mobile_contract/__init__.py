"""The contract with released mobile apps: the schema they were built against, an integer
feature level raised with every change, and the oldest app version still served.

Files (all in this directory):

- `schema.graphql`: the recorded schema, printed in sorted order so that only meaning counts;
- `contract.json`: `feature_level` and `minimum_app_version` (edited by hand), and
  `recorded_schema` (the level the schema was recorded at and its sha256; written by `update`);
- `changes.d/*.md`: changelog fragments not yet released, one per change, any file name;
- `CHANGELOG.md`: one `## Feature level N` section per released level.

To change the schema (or anything else an app can notice):

1. make the change in `graphql_schema/`;
2. describe it in a new fragment, `mobile_contract/changes.d/<your-topic>.md` (a file of its
   own, so that parallel work never conflicts in `CHANGELOG.md`);
3. raise `feature_level` in `contract.json` above the recorded level;
4. run `python -m mobile_contract update`: it refuses a breaking change, a schema change without
   a raised level or without a fragment; otherwise it records the schema and its fingerprint,
   folds every fragment into `CHANGELOG.md` under `## Feature level N` and deletes them.

`python -m mobile_contract check` (run by the tests) fails on a breaking change, on a schema
that differs from the recorded one, on a recorded schema edited by hand, on a raised level not
yet released, and on a level without its changelog section.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
SCHEMA_FILE = HERE / "schema.graphql"
CONTRACT_FILE = HERE / "contract.json"
CHANGELOG_FILE = HERE / "CHANGELOG.md"
CHANGES_DIR = HERE / "changes.d"


@dataclass(frozen=True, slots=True)
class ContractFiles:
    """Where the contract lives; the real files by default, a copy in tests."""

    schema: Path = SCHEMA_FILE
    contract: Path = CONTRACT_FILE
    changelog: Path = CHANGELOG_FILE
    changes: Path = CHANGES_DIR

    @classmethod
    def in_directory(cls, directory: Path) -> ContractFiles:
        return cls(
            schema=directory / SCHEMA_FILE.name,
            contract=directory / CONTRACT_FILE.name,
            changelog=directory / CHANGELOG_FILE.name,
            changes=directory / CHANGES_DIR.name,
        )

    def fragments(self) -> list[Path]:
        """Unreleased changelog fragments, in name order."""
        return sorted(self.changes.glob("*.md")) if self.changes.is_dir() else []


@dataclass(frozen=True, slots=True)
class Contract:
    feature_level: int
    minimum_app_version: str
    # the level the recorded schema was stored at, and its fingerprint
    recorded_level: int
    recorded_sha256: str


def load_contract(files: ContractFiles | None = None) -> Contract:
    data = json.loads((files or ContractFiles()).contract.read_text(encoding="utf-8"))
    recorded = data["recorded_schema"]
    return Contract(
        feature_level=int(data["feature_level"]),
        minimum_app_version=str(data["minimum_app_version"]),
        recorded_level=int(recorded["feature_level"]),
        recorded_sha256=str(recorded["sha256"]),
    )


def save_contract(contract: Contract, files: ContractFiles | None = None) -> None:
    data = {
        "feature_level": contract.feature_level,
        "minimum_app_version": contract.minimum_app_version,
        "recorded_schema": {
            "feature_level": contract.recorded_level,
            "sha256": contract.recorded_sha256,
        },
    }
    text = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    (files or ContractFiles()).contract.write_text(text, encoding="utf-8")

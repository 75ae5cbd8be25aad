"""The contract with released mobile apps: the schema they were built against, an integer
feature level raised with every change, and the oldest app version still served.

`python -m mobile_contract check` fails on a breaking change or an unrecorded one;
`python -m mobile_contract update` records an additive change (after you raise the level and
write the changelog entry).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
SCHEMA_FILE = HERE / "schema.graphql"
CONTRACT_FILE = HERE / "contract.json"
CHANGELOG_FILE = HERE / "CHANGELOG.md"


@dataclass(frozen=True, slots=True)
class Contract:
    feature_level: int
    minimum_app_version: str


def load_contract() -> Contract:
    data = json.loads(CONTRACT_FILE.read_text(encoding="utf-8"))
    return Contract(
        feature_level=int(data["feature_level"]),
        minimum_app_version=str(data["minimum_app_version"]),
    )

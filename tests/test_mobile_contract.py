"""Released apps rely on the schema: every change is recorded, none breaks them unannounced."""

from __future__ import annotations

from graphql import build_schema as parse_sdl
from graphql import find_breaking_changes

from mobile_contract import SCHEMA_FILE, load_contract
from mobile_contract.check import check, current_sdl
from tests.client import GraphQLClient


def test_live_schema_is_the_recorded_contract() -> None:
    report = check()

    assert report.breaking == []
    assert not report.unrecorded, (
        "schema changed: raise feature_level and run `python -m mobile_contract update`"
    )
    assert not report.changelog_missing


def test_removing_a_field_counts_as_breaking() -> None:
    released = parse_sdl(SCHEMA_FILE.read_text(encoding="utf-8"))
    without_phone = parse_sdl(current_sdl().replace("  phone: String!\n", "", 1))

    changes = [c.description for c in find_breaking_changes(released, without_phone)]

    assert any("phone" in c for c in changes)


async def test_app_reads_the_api_version(gql: GraphQLClient) -> None:
    body = await gql("{ apiVersion { featureLevel minimumAppVersion } }")

    contract = load_contract()
    assert body["data"]["apiVersion"] == {
        "featureLevel": contract.feature_level,
        "minimumAppVersion": contract.minimum_app_version,
    }


async def test_an_app_older_than_the_minimum_is_told_to_update(gql: GraphQLClient) -> None:
    old = await gql.post(
        "{ apiVersion { featureLevel } }", headers={"X-Homeroom-App-Version": "0.9.3"}
    )
    current = await gql.post(
        "{ apiVersion { featureLevel } }", headers={"X-Homeroom-App-Version": "1.2.0"}
    )

    assert old.status_code == 426
    assert old.json()["errors"][0]["extensions"]["code"] == "UPGRADE_REQUIRED"
    assert current.status_code == 200

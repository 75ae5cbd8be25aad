"""Released apps rely on the schema: every change is recorded at a raised feature level with its
changelog entry, none breaks them unannounced."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pytest
from graphql import build_schema as parse_sdl
from graphql import find_breaking_changes, parse, print_ast
from graphql.language import (
    DocumentNode,
    InputObjectTypeDefinitionNode,
    InterfaceTypeDefinitionNode,
    ObjectTypeDefinitionNode,
)

from mobile_contract import ContractFiles, load_contract, save_contract
from mobile_contract.__main__ import main
from mobile_contract.check import (
    ContractError,
    canonical_sdl,
    check,
    current_sdl,
    fingerprint,
    update,
)
from tests.client import GraphQLClient

REAL = ContractFiles()
# The levels of the contract as recorded now; the rules are tried one level above it.
CURRENT = load_contract(REAL).feature_level
NEXT = CURRENT + 1
NEW_FIELD = "  courseCount: Int!\n"


@pytest.fixture
def files(tmp_path: Path) -> ContractFiles:
    """A copy of the recorded contract, so that the rules are tried on files that may change."""
    copy = ContractFiles.in_directory(tmp_path)
    for source, target in [
        (REAL.schema, copy.schema),
        (REAL.contract, copy.contract),
        (REAL.changelog, copy.changelog),
    ]:
        shutil.copyfile(source, target)
    copy.changes.mkdir()
    (copy.changes / "README").write_text("not a fragment\n", encoding="utf-8")
    return copy


def recorded(files: ContractFiles) -> str:
    return files.schema.read_text(encoding="utf-8")


def with_new_field(sdl: str) -> str:
    assert "type Query {\n" in sdl
    return sdl.replace("type Query {\n", "type Query {\n" + NEW_FIELD, 1)


def without_phone(sdl: str) -> str:
    assert "  phone: String!\n" in sdl
    return sdl.replace("  phone: String!\n", "", 1)


def reordered(sdl: str) -> str:
    """The same schema with its types, and the fields of each, in reverse order."""
    with_fields = (
        ObjectTypeDefinitionNode,
        InterfaceTypeDefinitionNode,
        InputObjectTypeDefinitionNode,
    )
    definitions = [
        dataclasses.replace(d, fields=tuple(reversed(d.fields)))
        if isinstance(d, with_fields)
        else d
        for d in reversed(parse(sdl).definitions)
    ]
    return print_ast(DocumentNode(definitions=tuple(definitions))) + "\n"


def raise_level(files: ContractFiles, to: int) -> None:
    save_contract(dataclasses.replace(load_contract(files), feature_level=to), files)


def write_fragment(files: ContractFiles, name: str, text: str) -> Path:
    path = files.changes / name
    path.write_text(text, encoding="utf-8")
    return path


def snapshot(files: ContractFiles) -> dict[str, str]:
    return {
        path.name: path.read_text(encoding="utf-8")
        for path in [files.schema, files.contract, files.changelog, *files.fragments()]
    }


def test_live_schema_is_the_recorded_contract() -> None:
    report = check()

    assert report.breaking == []
    assert not report.unrecorded, (
        "schema changed: write mobile_contract/changes.d/<topic>.md, raise feature_level in "
        "contract.json and run `python -m mobile_contract update`"
    )
    assert not report.edited_by_hand
    assert not report.unreleased_level
    assert not report.changelog_missing
    assert main(["check"]) == 0


def test_the_recorded_schema_is_kept_in_sorted_form() -> None:
    text = recorded(REAL)

    assert text == canonical_sdl(text)
    assert fingerprint(text) == load_contract().recorded_sha256


def test_removing_a_field_counts_as_breaking() -> None:
    released = parse_sdl(recorded(REAL))

    changes = [
        c.description
        for c in find_breaking_changes(released, parse_sdl(without_phone(current_sdl())))
    ]

    assert any("phone" in c for c in changes)


def test_a_reordered_schema_is_no_change(files: ContractFiles) -> None:
    shuffled = reordered(recorded(files))
    assert shuffled != recorded(files)

    report = check(files, live_sdl=shuffled)
    release = update(files, live_sdl=shuffled)

    assert report.ok and not report.unrecorded
    assert release.released == [] and release.feature_level == CURRENT
    assert fingerprint(recorded(files)) == load_contract(files).recorded_sha256


def test_an_added_field_is_an_unrecorded_change(files: ContractFiles) -> None:
    report = check(files, live_sdl=with_new_field(recorded(files)))

    assert report.unrecorded
    assert report.breaking == []
    assert not report.ok


def test_update_refuses_a_change_without_a_raised_level(files: ContractFiles) -> None:
    write_fragment(files, "courses.md", "`courseCount` on `Query`.")
    before = snapshot(files)

    with pytest.raises(ContractError, match="raise feature_level"):
        update(files, live_sdl=with_new_field(recorded(files)))

    assert snapshot(files) == before


def test_update_refuses_a_change_without_a_fragment(files: ContractFiles) -> None:
    raise_level(files, NEXT)
    before = snapshot(files)

    with pytest.raises(ContractError, match="no fragment"):
        update(files, live_sdl=with_new_field(recorded(files)))

    assert snapshot(files) == before


def test_update_refuses_a_breaking_change(files: ContractFiles) -> None:
    raise_level(files, NEXT)
    write_fragment(files, "phone.md", "`phone` is gone.")
    before = snapshot(files)

    with pytest.raises(ContractError, match="breaking"):
        update(files, live_sdl=without_phone(recorded(files)))

    assert snapshot(files) == before


def test_update_refuses_an_empty_fragment(files: ContractFiles) -> None:
    raise_level(files, NEXT)
    write_fragment(files, "courses.md", "`courseCount` on `Query`.")
    write_fragment(files, "empty.md", "\n")

    with pytest.raises(ContractError, match=r"empty fragments: empty\.md"):
        update(files, live_sdl=with_new_field(recorded(files)))


def test_update_refuses_a_level_the_changelog_already_has(files: ContractFiles) -> None:
    raise_level(files, NEXT)
    write_fragment(files, "courses.md", "`courseCount` on `Query`.")
    with files.changelog.open("a", encoding="utf-8") as changelog:
        changelog.write(f"\n## Feature level {NEXT}\n\nWritten by hand.\n")

    with pytest.raises(ContractError, match=f"already has '## Feature level {NEXT}'"):
        update(files, live_sdl=with_new_field(recorded(files)))


def test_update_releases_a_raised_level_with_its_fragments(files: ContractFiles) -> None:
    live = with_new_field(recorded(files))
    raise_level(files, NEXT)
    write_fragment(files, "roster-b.md", "Second: `courseCount` counts courses.\n")
    write_fragment(files, "courses-a.md", "First: `courseCount` on `Query`.")

    release = update(files, live_sdl=live)

    assert release.feature_level == NEXT and release.schema_changed
    assert release.released == ["courses-a.md", "roster-b.md"]
    assert files.changelog.read_text(encoding="utf-8").endswith(
        f"\n\n## Feature level {NEXT}\n\n"
        "First: `courseCount` on `Query`.\n\n"
        "Second: `courseCount` counts courses.\n"
    )
    assert files.fragments() == []
    assert (files.changes / "README").exists()
    contract = load_contract(files)
    assert (contract.feature_level, contract.recorded_level) == (NEXT, NEXT)
    assert contract.recorded_sha256 == fingerprint(live)
    assert NEW_FIELD in recorded(files)
    assert check(files, live_sdl=live).ok


def test_a_raised_level_not_yet_released_fails_the_check(files: ContractFiles) -> None:
    raise_level(files, NEXT)

    report = check(files, live_sdl=recorded(files))

    assert report.unreleased_level
    assert report.changelog_missing
    assert not report.ok


def test_a_hand_edited_recorded_schema_fails_the_check(files: ContractFiles) -> None:
    live = with_new_field(recorded(files))
    files.schema.write_text(live, encoding="utf-8")

    report = check(files, live_sdl=live)

    assert report.edited_by_hand
    assert not report.ok
    raise_level(files, NEXT)
    write_fragment(files, "courses.md", "`courseCount` on `Query`.")
    with pytest.raises(ContractError, match="edited by hand"):
        update(files, live_sdl=live)


def test_a_level_without_its_changelog_section_fails_the_check(files: ContractFiles) -> None:
    changelog = files.changelog.read_text(encoding="utf-8")
    files.changelog.write_text(
        changelog.replace(f"## Feature level {CURRENT}\n", ""), encoding="utf-8"
    )

    report = check(files, live_sdl=recorded(files))

    assert report.changelog_missing
    assert not report.ok


def test_unreleased_fragments_wait_without_failing_the_check(files: ContractFiles) -> None:
    write_fragment(files, "courses.md", "Coming with the next level.")

    report = check(files, live_sdl=recorded(files))
    release = update(files, live_sdl=recorded(files))

    assert report.ok and report.pending == ["courses.md"]
    assert release.released == [] and release.pending == ["courses.md"]
    assert "Coming with the next level." not in files.changelog.read_text(encoding="utf-8")


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

"""Roster import: a school administrator loads students and guardians from a spreadsheet CSV."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from pathlib import Path

from models.accounts import User
from models.schools import Guardianship, SchoolClass, Student
from tests.client import GraphQLClient
from tests.conftest import DATABASE_URL
from tests.factories import make_school_year, make_world
from tests.helpers import gid, user_errors

IMPORT = """
mutation Import($input: ImportRosterInput!) {
  importRoster(input: $input) {
    report { lines classesCreated studentsCreated studentsUpdated studentsUnchanged
             guardiansCreated linksCreated linksUpdated }
    rowErrors { line column message }
    userErrors { code field message }
  }
}
"""

GOOD = (
    "\ufeff学号,学生姓名,性别,出生日期,年级,班级,监护人1姓名,监护人1电话,监护人1关系,"
    "监护人2姓名,监护人2电话,监护人2关系\r\n"
    "20260001,张子涵,女,2016-03-12,四年级,四年级1班,张建国,13912340001,父亲,李丽华,13912340002,母亲\r\n"
    "20260002,王浩宇,男,2016/7/5,4,四年级1班,王芳,139-1234-0003,妈妈,,,\r\n"
    "20260003,陈一诺,女,2013-01-20,初一,初一2班,陈志强,+86 13912340004,爷爷,,,\r\n"
)

BAD = (
    "student_no,student_name,gender,birth_date,grade,class_name,guardian1_name,guardian1_phone,"
    "guardian1_relationship\n"
    "1,好学生,男,2016-01-01,4,四年级1班,家长,13912340010,父亲\n"
    "2,,男,2016-01-01,4,四年级1班,家长,13912340011,父亲\n"
    "3,坏日期,男,2016-13-40,4,四年级1班,家长,13912340012,父亲\n"
    "4,坏电话,女,2016-01-01,4,四年级1班,家长,12345,舅舅\n"
    "1,重复学号,女,2016-01-01,4,四年级1班,家长,13912340013,母亲\n"
    "7,%s,女,2016-01-01,4,四年级1班,家长,13912340014,母亲\n"
) % ("长" * 51)


async def _import(gql: GraphQLClient, token: str, school_id: int, csv: str) -> dict:
    body = await gql(
        IMPORT, {"input": {"schoolId": gid("School", school_id), "csv": csv}}, token=token
    )
    assert "errors" not in body, body
    return body["data"]["importRoster"]


async def test_good_file_imports_students_classes_and_guardians(gql: GraphQLClient) -> None:
    world = await make_world()
    token = await gql.token(world.school_admin.phone)

    result = await _import(gql, token, world.school.id, GOOD)

    assert result["userErrors"] == [] and result["rowErrors"] == []
    assert result["report"] == {
        "lines": 3,
        "classesCreated": 2,
        "studentsCreated": 3,
        "studentsUpdated": 0,
        "studentsUnchanged": 0,
        "guardiansCreated": 4,
        "linksCreated": 4,
        "linksUpdated": 0,
    }
    zhang = await Student.get(school_id=world.school.id, student_no="20260001").prefetch_related(
        "school_class"
    )
    assert (zhang.name, zhang.school_class.name, zhang.school_class.grade) == (
        "张子涵",
        "四年级1班",
        4,
    )
    assert (
        await SchoolClass.get(school_id=world.school.id, name="初一2班")
    ).age_band == "JUNIOR_HIGH"
    mother = await User.get(phone="+8613912340002")
    link = await Guardianship.get(guardian_id=mother.id)
    assert (link.student_id, link.relationship) == (zhang.id, "MOTHER")


async def test_same_file_twice_changes_nothing(gql: GraphQLClient) -> None:
    world = await make_world()
    token = await gql.token(world.school_admin.phone)
    await _import(gql, token, world.school.id, GOOD)
    counts = (
        await Student.all().count(),
        await User.all().count(),
        await Guardianship.all().count(),
    )

    again = await _import(gql, token, world.school.id, GOOD)

    assert again["report"]["studentsUnchanged"] == 3
    assert again["report"]["studentsCreated"] + again["report"]["studentsUpdated"] == 0
    assert again["report"]["guardiansCreated"] + again["report"]["linksCreated"] == 0
    assert (
        await Student.all().count(),
        await User.all().count(),
        await Guardianship.all().count(),
    ) == counts


async def test_a_changed_row_updates_the_student(gql: GraphQLClient) -> None:
    world = await make_world()
    token = await gql.token(world.school_admin.phone)
    await _import(gql, token, world.school.id, GOOD)

    result = await _import(gql, token, world.school.id, GOOD.replace("王浩宇", "王浩然"))

    assert (result["report"]["studentsUpdated"], result["report"]["studentsUnchanged"]) == (1, 2)
    assert await Student.exists(name="王浩然")


async def test_bad_file_reports_every_bad_row_and_writes_nothing(gql: GraphQLClient) -> None:
    world = await make_world()
    token = await gql.token(world.school_admin.phone)
    before = await Student.all().count()

    result = await _import(gql, token, world.school.id, BAD)

    assert result["report"] is None
    assert user_errors(result) == [("ROSTER_INVALID_ROW", "csv")]
    by_line = {}
    for e in result["rowErrors"]:
        by_line.setdefault(e["line"], []).append(e["column"])
    assert by_line == {
        3: ["student_name"],
        4: ["birth_date"],
        5: ["guardian1_relationship", "guardian1_phone"],
        6: ["student_no"],
        7: ["student_name"],
    }
    assert await Student.all().count() == before
    assert not await User.exists(phone="+8613912340010")


async def test_file_without_required_columns_is_refused(gql: GraphQLClient) -> None:
    world = await make_world()
    token = await gql.token(world.school_admin.phone)

    result = await _import(gql, token, world.school.id, "name,phone\n张三,13912340000\n")

    assert user_errors(result) == [("ROSTER_INVALID_FILE", "csv")]
    assert "学号" in result["userErrors"][0]["message"]


async def test_admin_of_another_school_cannot_import(gql: GraphQLClient) -> None:
    world = await make_world()
    token = await gql.token(world.school_admin.phone)

    result = await _import(gql, token, world.other_school.id, GOOD)

    assert user_errors(result) == [("NOT_FOUND", "schoolId")]
    assert not await Student.exists(student_no="20260001")


async def test_cli_imports_the_same_file(tmp_path: Path) -> None:
    world = await make_world()
    await make_school_year()
    path = tmp_path / "roster.csv"
    path.write_text(GOOD, encoding="utf-8")
    env = {**os.environ, "HOMEROOM_DATABASE_URL": DATABASE_URL}
    command = [
        sys.executable,
        "-m",
        "server",
        "import-roster",
        "--school-id",
        str(world.school.id),
        str(path),
    ]

    first = await asyncio.to_thread(
        subprocess.run, command, env=env, capture_output=True, text=True
    )
    second = await asyncio.to_thread(
        subprocess.run, command, env=env, capture_output=True, text=True
    )

    assert first.returncode == 0, first.stderr
    assert "students 3 created, 0 updated, 0 unchanged" in first.stdout
    assert "students 0 created, 0 updated, 3 unchanged" in second.stdout
    assert await Student.filter(school_id=world.school.id).count() == 2 + 3  # the world's and 3 new

"""A district set up from nothing through the command line, as the README tells it: district,
school, school year and term, staff with scoped roles, then a roster import (issue 15)."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

from models.accounts import User
from models.schools import District, School, SchoolYear, StaffAssignment, StaffRole, Term
from tests.test_cli_setup import one_line_refusal, run_cli
from tests.test_roster import GOOD


def ok(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


async def test_a_district_set_up_from_nothing(database: str, tmp_path: Path) -> None:
    env = {"HOMEROOM_DATABASE_URL": database}
    today = dt.date.today()
    year_start, year_end = today - dt.timedelta(days=30), today + dt.timedelta(days=300)

    # when an operator runs the documented steps
    assert ok(run_cli("create-district", "--name", "示范区教育局", **env)).startswith(
        "created district"
    )
    district = await District.get(name="示范区教育局")
    ok(run_cli("create-school", "--district-id", str(district.id), "--name", "实验小学", **env))
    school = await School.get(name="实验小学")
    ok(
        run_cli(
            "create-school-year",
            "--name",
            "2026-2027",
            "--start",
            year_start.isoformat(),
            "--end",
            year_end.isoformat(),
            **env,
        )
    )
    year = await SchoolYear.get(name="2026-2027")
    ok(
        run_cli(
            "create-term",
            "--school-year-id",
            str(year.id),
            "--name",
            "第一学期",
            "--start",
            year_start.isoformat(),
            "--end",
            (year_start + dt.timedelta(days=140)).isoformat(),
            **env,
        )
    )
    ok(
        run_cli(
            "create-user",
            "--phone",
            "13912345601",
            "--name",
            "王校长",
            "--password",
            "Ke8#qz!Lm2vR",
            "--role",
            "SCHOOL_ADMIN",
            "--school-id",
            str(school.id),
            **env,
        )
    )
    csv = tmp_path / "roster.csv"
    csv.write_text(GOOD, encoding="utf-8")
    summary = ok(run_cli("import-roster", "--school-id", str(school.id), str(csv), **env))

    # then each exists and the import reads as a sentence, not a repr
    assert await Term.filter(school_year_id=year.id, name="第一学期").exists()
    admin = await User.get(phone="+8613912345601")
    assert await StaffAssignment.filter(
        user_id=admin.id, role=StaffRole.SCHOOL_ADMIN, school_id=school.id
    ).exists()
    assert summary.startswith("imported 3 line(s): 2 class(es) created; students 3 created")
    assert "ImportReport(" not in summary


async def test_roles_out_of_scope_are_refused_and_leave_no_user(database: str) -> None:
    env = {"HOMEROOM_DATABASE_URL": database}
    base = ["create-user", "--name", "李老师", "--password", "Ke8#qz!Lm2vR"]
    district = await District.create(name="示范区")

    no_school = run_cli(*base, "--phone", "13912345602", "--role", "SCHOOL_ADMIN", **env)
    district_with_school = run_cli(
        *base,
        "--phone",
        "13912345603",
        "--role",
        "DISTRICT_ADMIN",
        "--district-id",
        str(district.id),
        "--school-id",
        "1",
        **env,
    )
    bad_school = run_cli(
        *base, "--phone", "13912345604", "--role", "SCHOOL_ADMIN", "--school-id", "999", **env
    )

    assert one_line_refusal(no_school).startswith("schoolId: ")
    assert one_line_refusal(district_with_school).startswith("schoolId: ")
    assert one_line_refusal(bad_school).startswith("schoolId: ")
    assert await User.all().count() == 0  # the person is made with the role or not at all


async def test_unknown_school_and_missing_year_are_one_line(database: str, tmp_path: Path) -> None:
    env = {"HOMEROOM_DATABASE_URL": database}
    csv = tmp_path / "roster.csv"
    csv.write_text(GOOD, encoding="utf-8")
    district = await District.create(name="示范区")
    school = await School.create(district=district, name="实验小学")

    unknown = run_cli("import-roster", "--school-id", "999", str(csv), **env)
    no_year = run_cli("import-roster", "--school-id", str(school.id), str(csv), **env)

    assert "`python -m server create-school`" in one_line_refusal(unknown)
    assert "`python -m server create-school-year`" in one_line_refusal(no_year)

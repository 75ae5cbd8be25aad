"""Roster import: students, classes and guardians of one school from a spreadsheet's CSV.

All-or-nothing: every row is checked first and every bad row reported with its line number;
only a clean file is written, in one transaction. Idempotent: rows already in the database as
given change nothing. Imports of one school run one after the other (the school's row is
locked), and classes are created by upsert, so concurrent imports do not collide.

A guardian's phone that has no account gets one, linked to the child. A phone that already
has an account is only proposed to its owner (`PendingGuardianship`), who accepts or declines
in the app: the school sees nothing of that account, and the report counts both alike, so an
import cannot tell whether a phone has an account.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from tortoise.transactions import in_transaction

from core.errors import DomainError, ErrorCode, FieldError, error_codes
from models.accounts import (
    PendingGuardianship,
    PendingLinkSource,
    PendingLinkStatus,
    User,
    normalize_phone,
)
from models.schools import (
    Gender,
    Guardianship,
    Relationship,
    School,
    SchoolClass,
    SchoolYear,
    Student,
    age_band_for_grade,
)
from models.viewer import Viewer

MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 5000

# Canonical column → accepted headers (as exported from a Chinese or English spreadsheet).
COLUMNS: dict[str, tuple[str, ...]] = {
    "student_no": ("student_no", "学号"),
    "student_name": ("student_name", "学生姓名", "姓名"),
    "gender": ("gender", "性别"),
    "birth_date": ("birth_date", "出生日期"),
    "grade": ("grade", "年级"),
    "class_name": ("class_name", "班级"),
    "guardian1_name": ("guardian1_name", "监护人1姓名"),
    "guardian1_phone": ("guardian1_phone", "监护人1电话"),
    "guardian1_relationship": ("guardian1_relationship", "监护人1关系"),
    "guardian2_name": ("guardian2_name", "监护人2姓名"),
    "guardian2_phone": ("guardian2_phone", "监护人2电话"),
    "guardian2_relationship": ("guardian2_relationship", "监护人2关系"),
}
REQUIRED = (
    "student_no",
    "student_name",
    "gender",
    "birth_date",
    "grade",
    "class_name",
    "guardian1_name",
    "guardian1_phone",
    "guardian1_relationship",
)

# Column widths of the tables they land in, so a long cell is a row error, not a database error.
_MAX_LENGTHS = {
    "student_no": 40,
    "student_name": 50,
    "class_name": 50,
    "guardian1_name": 50,
    "guardian2_name": 50,
}
_GENDERS = {
    "男": Gender.MALE,
    "女": Gender.FEMALE,
    "m": Gender.MALE,
    "f": Gender.FEMALE,
    "male": Gender.MALE,
    "female": Gender.FEMALE,
}
_RELATIONSHIPS = {
    "母亲": Relationship.MOTHER,
    "妈妈": Relationship.MOTHER,
    "mother": Relationship.MOTHER,
    "父亲": Relationship.FATHER,
    "爸爸": Relationship.FATHER,
    "father": Relationship.FATHER,
    "祖父": Relationship.GRANDPARENT,
    "祖母": Relationship.GRANDPARENT,
    "外祖父": Relationship.GRANDPARENT,
    "外祖母": Relationship.GRANDPARENT,
    "爷爷": Relationship.GRANDPARENT,
    "奶奶": Relationship.GRANDPARENT,
    "外公": Relationship.GRANDPARENT,
    "外婆": Relationship.GRANDPARENT,
    "祖父母": Relationship.GRANDPARENT,
    "grandparent": Relationship.GRANDPARENT,
    "其他": Relationship.OTHER,
    "other": Relationship.OTHER,
}
_CN_DIGITS = {
    "一": 1,
    "二": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
    "十": 10,
    "十一": 11,
    "十二": 12,
}
_HIGH_SCHOOL = {"高一": 10, "高二": 11, "高三": 12, "初一": 7, "初二": 8, "初三": 9}


@error_codes
class RosterErrorCode(StrEnum):
    ROSTER_INVALID_FILE = "ROSTER_INVALID_FILE"
    ROSTER_INVALID_ROW = "ROSTER_INVALID_ROW"


@dataclass(frozen=True, slots=True)
class RowError:
    line: int
    column: str | None
    message: str


class RosterError(DomainError):
    def __init__(self, rows: list[RowError], summary: str) -> None:
        super().__init__(FieldError(RosterErrorCode.ROSTER_INVALID_ROW, summary, "csv"))
        self.rows = rows


@dataclass(frozen=True, slots=True)
class GuardianRow:
    name: str
    phone: str
    relationship: Relationship


@dataclass(frozen=True, slots=True)
class StudentRow:
    line: int
    student_no: str
    name: str
    gender: Gender
    birth_date: dt.date
    grade: int
    class_name: str
    guardians: tuple[GuardianRow, ...]


@dataclass
class ImportReport:
    """Guardians and links count an account made and linked and an existing account asked
    to confirm alike: the report must not tell whether a phone has an account."""

    classes_created: int = 0
    students_created: int = 0
    students_updated: int = 0
    students_unchanged: int = 0
    guardians_created: int = 0  # distinct phones given a new link or a link to confirm
    links_created: int = 0  # links made or proposed
    links_updated: int = 0  # relationships changed on links made or proposed
    lines: int = 0

    @property
    def changed(self) -> bool:
        return any(
            (
                self.classes_created,
                self.students_created,
                self.students_updated,
                self.guardians_created,
                self.links_created,
                self.links_updated,
            )
        )


def _parse_grade(raw: str) -> int:
    text = raw.strip().removesuffix("年级")
    if text.isdigit() and 0 <= int(text) <= 12:
        return int(text)
    if raw.strip() in _HIGH_SCHOOL:
        return _HIGH_SCHOOL[raw.strip()]
    if text in _CN_DIGITS:
        return _CN_DIGITS[text]
    if raw.strip() in ("幼儿园", "学前"):
        return 0
    raise ValueError("年级应为 0-12 的数字或如“三年级”“初一”")


def _parse_date(raw: str) -> dt.date:
    m = re.fullmatch(r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?", raw.strip())
    if not m:
        raise ValueError("出生日期格式应为 YYYY-MM-DD")
    return dt.date(int(m[1]), int(m[2]), int(m[3]))


def parse_roster(data: bytes | str, today: dt.date) -> list[StudentRow]:
    """Check the whole file; raise `RosterError` listing every bad row."""
    raw = data.encode() if isinstance(data, str) else data
    if len(raw) > MAX_BYTES:
        raise DomainError.single(RosterErrorCode.ROSTER_INVALID_FILE, "文件超过 2 MB", "csv")
    try:
        text = raw.decode("utf-8-sig")  # strips the BOM a spreadsheet adds
    except UnicodeDecodeError:
        raise DomainError.single(
            RosterErrorCode.ROSTER_INVALID_FILE,
            "文件须为 UTF-8 编码的 CSV（可在表格软件中另存为 CSV UTF-8）",
            "csv",
        ) from None
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader, None)
    if not header:
        raise DomainError.single(RosterErrorCode.ROSTER_INVALID_FILE, "文件为空", "csv")
    lookup = {alias: canon for canon, aliases in COLUMNS.items() for alias in aliases}
    index: dict[str, int] = {}
    for i, name in enumerate(header):
        canon = lookup.get(name.strip().lower()) or lookup.get(name.strip())
        if canon:
            index[canon] = i
    missing = [c for c in REQUIRED if c not in index]
    if missing:
        raise DomainError.single(
            RosterErrorCode.ROSTER_INVALID_FILE,
            "缺少列：" + "、".join(COLUMNS[c][1] + f"({c})" for c in missing),
            "csv",
        )
    rows: list[StudentRow] = []
    errors: list[RowError] = []
    seen: dict[str, int] = {}
    for record in reader:
        line = reader.line_num
        if not any(cell.strip() for cell in record):
            continue
        if len(rows) + len(errors) >= MAX_ROWS:
            raise DomainError.single(
                RosterErrorCode.ROSTER_INVALID_FILE, f"一次最多导入 {MAX_ROWS} 行", "csv"
            )

        def cell(col: str, rec: list[str] = record) -> str:
            i = index.get(col)
            return rec[i].strip() if i is not None and i < len(rec) else ""

        row_errors: list[RowError] = []
        for col in REQUIRED:
            if not cell(col):
                row_errors.append(RowError(line, col, f"{COLUMNS[col][1]}不能为空"))
        if row_errors:
            errors.extend(row_errors)
            continue
        for col, limit in _MAX_LENGTHS.items():
            if len(cell(col)) > limit:
                row_errors.append(RowError(line, col, f"{COLUMNS[col][1]}最长 {limit} 个字符"))
        if row_errors:
            errors.extend(row_errors)
            continue
        student_no = cell("student_no")
        if student_no in seen:
            errors.append(
                RowError(line, "student_no", f"学号 {student_no} 与第 {seen[student_no]} 行重复")
            )
            continue
        seen[student_no] = line
        gender = _GENDERS.get(cell("gender").lower())
        if gender is None:
            row_errors.append(RowError(line, "gender", "性别应为“男”或“女”"))
        try:
            birth = _parse_date(cell("birth_date"))
            if not dt.date(today.year - 25, 1, 1) <= birth <= today:
                raise ValueError("出生日期不在合理范围内")
        except ValueError as e:
            row_errors.append(RowError(line, "birth_date", str(e)))
        try:
            grade = _parse_grade(cell("grade"))
        except ValueError as e:
            row_errors.append(RowError(line, "grade", str(e)))
        guardians: list[GuardianRow] = []
        for n in (1, 2):
            name, phone, rel = (cell(f"guardian{n}_{f}") for f in ("name", "phone", "relationship"))
            if not (name or phone or rel):
                continue
            if not (name and phone and rel):
                row_errors.append(
                    RowError(line, f"guardian{n}_name", f"监护人{n}的姓名、电话、关系须填写完整")
                )
                continue
            relationship = _RELATIONSHIPS.get(rel.lower())
            if relationship is None:
                row_errors.append(
                    RowError(line, f"guardian{n}_relationship", f"无法识别的关系“{rel}”")
                )
            try:
                phone = normalize_phone(phone)
            except DomainError:
                row_errors.append(
                    RowError(line, f"guardian{n}_phone", f"手机号码“{phone}”格式不正确")
                )
            if relationship is not None:
                guardians.append(GuardianRow(name, phone, relationship))
        if row_errors or gender is None:
            errors.extend(row_errors)
            continue
        rows.append(
            StudentRow(
                line,
                student_no,
                cell("student_name"),
                gender,
                birth,
                grade,
                cell("class_name"),
                tuple(guardians),
            )
        )
    if errors:
        lines = sorted({e.line for e in errors})
        raise RosterError(errors, f"{len(lines)} 行有错误，未导入任何数据")
    if not rows:
        raise DomainError.single(RosterErrorCode.ROSTER_INVALID_FILE, "文件中没有学生数据", "csv")
    return rows


async def import_roster_as(
    viewer: Viewer, *, school_id: int, data: bytes | str, now: dt.datetime
) -> ImportReport:
    """A school's administrator (or its district's) imports the school's roster; anyone else
    is told the school does not exist."""
    school = await School.visible_to(viewer).get_or_none(id=school_id)
    if school is None or not viewer.administers_school(school.id, school.district_id):
        raise DomainError.single(ErrorCode.NOT_FOUND, "找不到该学校", "schoolId")
    return await import_roster(school_id=school.id, data=data, now=now)


async def import_roster(*, school_id: int, data: bytes | str, now: dt.datetime) -> ImportReport:
    today = now.date()
    rows = parse_roster(data, today)
    year = await SchoolYear.current(today)
    if year is None:
        raise DomainError.single(
            RosterErrorCode.ROSTER_INVALID_FILE, "当前没有进行中的学年，请先设置学年", "csv"
        )
    report = ImportReport(lines=len(rows))
    async with in_transaction():
        # One import of a school at a time: a second waits here, then sees the first's rows.
        # NO KEY: inserts that reference the school (its classes, students) still go ahead.
        school = await School.select_for_update(no_key=True).get(id=school_id)
        classes = await _ensure_classes(school.id, year.id, rows, report)
        errors = [
            RowError(row.line, "grade", f"班级“{row.class_name}”已是 {klass.grade} 年级")
            for row in rows
            if (klass := classes[row.class_name]).grade != row.grade
        ]
        if errors:
            raise RosterError(errors, f"{len(errors)} 行有错误，未导入任何数据")
        existing = {
            s.student_no: s
            for s in await Student.filter(
                school_id=school.id, student_no__in=[r.student_no for r in rows]
            )
        }
        # The existing guardian links, made or proposed, of every student in the file.
        known_ids = [known.id for known in existing.values()]
        links_by_student: dict[int, dict[int, Guardianship]] = {}
        for link in await Guardianship.filter(student_id__in=known_ids):
            links_by_student.setdefault(link.student_id, {})[link.guardian_id] = link
        proposed_by_student: dict[int, dict[int, PendingGuardianship]] = {}
        for proposed in await PendingGuardianship.filter(student_id__in=known_ids):
            proposed_by_student.setdefault(proposed.student_id, {})[proposed.guardian_id] = proposed
        phones = {g.phone for r in rows for g in r.guardians}
        users = {u.phone: u for u in await User.filter(phone__in=list(phones))}
        made_here: set[int] = set()  # accounts this import made: linked without asking
        new_guardians: set[str] = set()
        for row in rows:
            klass = classes[row.class_name]
            student = existing.get(row.student_no)
            wanted: dict[str, Any] = {
                "name": row.name,
                "gender": row.gender,
                "birth_date": row.birth_date,
                "school_class_id": klass.id,
            }
            if student is None:
                student = await Student.create(
                    school_id=school.id, student_no=row.student_no, **wanted
                )
                report.students_created += 1
            elif any(getattr(student, k) != v for k, v in wanted.items()):
                await Student.filter(id=student.id).update(**wanted)
                report.students_updated += 1
            else:
                report.students_unchanged += 1
            links = links_by_student.get(student.id, {})
            proposals = proposed_by_student.get(student.id, {})
            for g in row.guardians:
                user = users.get(g.phone)
                if user is None:
                    user = await User.create(phone=g.phone, name=g.name, created_at=now)
                    users[g.phone] = user
                    made_here.add(user.id)
                known_link = links.get(user.id)
                proposal = proposals.get(user.id)
                if known_link is not None:
                    if known_link.relationship != g.relationship:
                        await Guardianship.filter(id=known_link.id).update(
                            relationship=g.relationship
                        )
                        report.links_updated += 1
                elif proposal is not None:
                    # decided proposals stay decided: a declined link is not asked again
                    if (
                        proposal.status == PendingLinkStatus.PENDING
                        and proposal.relationship != g.relationship
                    ):
                        await PendingGuardianship.filter(id=proposal.id).update(
                            relationship=g.relationship
                        )
                        report.links_updated += 1
                elif user.id in made_here:
                    await Guardianship.create(
                        student_id=student.id,
                        guardian_id=user.id,
                        relationship=g.relationship,
                        created_at=now,
                    )
                    report.links_created += 1
                    new_guardians.add(g.phone)
                else:
                    await PendingGuardianship.create(
                        student_id=student.id,
                        guardian_id=user.id,
                        relationship=g.relationship,
                        source=PendingLinkSource.ROSTER,
                        created_at=now,
                    )
                    report.links_created += 1
                    new_guardians.add(g.phone)
        report.guardians_created = len(new_guardians)
    return report


async def _ensure_classes(
    school_id: int, year_id: int, rows: list[StudentRow], report: ImportReport
) -> dict[str, SchoolClass]:
    """The file's classes of this school year, the missing ones created by upsert: a class
    another writer made meanwhile is taken as found, never a unique-key failure."""
    grades: dict[str, int] = {}
    for row in rows:
        grades.setdefault(row.class_name, row.grade)
    found = await SchoolClass.filter(
        school_id=school_id, school_year_id=year_id, name__in=list(grades)
    ).values_list("name", flat=True)
    missing = [name for name in grades if name not in set(found)]
    if missing:
        await SchoolClass.bulk_create(
            [
                SchoolClass(
                    school_id=school_id,
                    school_year_id=year_id,
                    name=name,
                    grade=grades[name],
                    age_band=age_band_for_grade(grades[name]),
                )
                for name in missing
            ],
            ignore_conflicts=True,
        )
        report.classes_created += len(missing)
    return {
        c.name: c
        for c in await SchoolClass.filter(
            school_id=school_id, school_year_id=year_id, name__in=list(grades)
        )
    }

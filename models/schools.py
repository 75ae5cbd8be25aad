"""Districts, schools, school years, classes, students, guardians and staff assignments.

Object-level access lives here as `visible_to(viewer)` querysets, so every path to a row
(node lookup, nested edges, lists) goes through the same rule.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Any, ClassVar

from tortoise import fields
from tortoise.expressions import Q, Subquery
from tortoise.models import Model
from tortoise.queryset import QuerySet

from notifications.audience import register_audience

if TYPE_CHECKING:
    from models.viewer import Viewer


class AgeBand(StrEnum):
    """学段: content and classes are pitched by the child's age band."""

    KINDERGARTEN = "KINDERGARTEN"  # 幼儿
    PRIMARY_LOWER = "PRIMARY_LOWER"  # 小学低段 (grades 1-3)
    PRIMARY_UPPER = "PRIMARY_UPPER"  # 小学高段 (grades 4-6)
    JUNIOR_HIGH = "JUNIOR_HIGH"  # 初中 (grades 7-9)
    SENIOR_HIGH = "SENIOR_HIGH"  # 高中 (grades 10-12)


def age_band_for_grade(grade: int) -> AgeBand:
    """Grade 0 is kindergarten; 1-12 follow China's 6-3-3 system."""
    if grade <= 0:
        return AgeBand.KINDERGARTEN
    if grade <= 3:
        return AgeBand.PRIMARY_LOWER
    if grade <= 6:
        return AgeBand.PRIMARY_UPPER
    if grade <= 9:
        return AgeBand.JUNIOR_HIGH
    return AgeBand.SENIOR_HIGH


class StaffRole(StrEnum):
    CLASS_TEACHER = "CLASS_TEACHER"
    COUNSELOR = "COUNSELOR"
    LECTURER = "LECTURER"
    SCHOOL_ADMIN = "SCHOOL_ADMIN"
    DISTRICT_ADMIN = "DISTRICT_ADMIN"


class Relationship(StrEnum):
    MOTHER = "MOTHER"
    FATHER = "FATHER"
    GRANDPARENT = "GRANDPARENT"
    OTHER = "OTHER"


class Gender(StrEnum):
    FEMALE = "FEMALE"
    MALE = "MALE"


def any_of(**id_sets: frozenset[int]) -> Q:
    """Rows matching any of the `field__in=ids` conditions, leaving out the empty sets: a
    parent's rule is one condition, not four with a join for the district admin's (cheaper to
    build on every request, and to plan). Nothing when every set is empty."""
    conditions: list[dict[str, Any]] = [{name: list(ids)} for name, ids in id_sets.items() if ids]
    alternatives = [Q(**condition) for condition in conditions]
    if not alternatives:
        return Q(id__in=[])
    return Q(*alternatives, join_type="OR")


class District(Model):
    id = fields.IntField(primary_key=True)
    name = fields.CharField(max_length=100, unique=True)
    timezone = fields.CharField(max_length=64, default="Asia/Shanghai")

    class Meta:
        table = "district"

    @classmethod
    def visible_to(cls, viewer: Viewer) -> QuerySet[District]:
        return cls.filter(id__in=viewer.district_ids)


class School(Model):
    id = fields.IntField(primary_key=True)
    district: fields.ForeignKeyRelation[District] = fields.ForeignKeyField(
        "models.District", related_name="schools", on_delete=fields.RESTRICT
    )
    district_id: int
    name = fields.CharField(max_length=100)
    timezone = fields.CharField(max_length=64, default="Asia/Shanghai")

    class Meta:
        table = "school"
        unique_together = (("district", "name"),)

    @classmethod
    def visible_to(cls, viewer: Viewer) -> QuerySet[School]:
        return cls.filter(
            any_of(id__in=viewer.school_ids, district_id__in=viewer.admin_district_ids)
        )


class SchoolYear(Model):
    """学年, e.g. 2026-2027, from September to August."""

    id = fields.IntField(primary_key=True)
    name = fields.CharField(max_length=20, unique=True)
    starts_on = fields.DateField()
    ends_on = fields.DateField()

    class Meta:
        table = "school_year"
        ordering = ["starts_on"]

    @classmethod
    def visible_to(cls, viewer: Viewer) -> QuerySet[SchoolYear]:
        """The school calendar is public."""
        return cls.all()

    @classmethod
    async def current(cls, today: dt.date) -> SchoolYear | None:
        return await cls.filter(starts_on__lte=today, ends_on__gte=today).first()


class Term(Model):
    """学期 within a school year."""

    id = fields.IntField(primary_key=True)
    school_year: fields.ForeignKeyRelation[SchoolYear] = fields.ForeignKeyField(
        "models.SchoolYear", related_name="terms", on_delete=fields.CASCADE
    )
    school_year_id: int
    name = fields.CharField(max_length=40)
    starts_on = fields.DateField()
    ends_on = fields.DateField()

    class Meta:
        table = "term"
        unique_together = (("school_year", "name"),)
        ordering = ["starts_on"]


class SchoolClass(Model):
    """班级 of one school in one school year."""

    id = fields.IntField(primary_key=True)
    school: fields.ForeignKeyRelation[School] = fields.ForeignKeyField(
        "models.School", related_name="classes", on_delete=fields.RESTRICT
    )
    school_id: int
    school_year: fields.ForeignKeyRelation[SchoolYear] = fields.ForeignKeyField(
        "models.SchoolYear", related_name="classes", on_delete=fields.RESTRICT
    )
    school_year_id: int
    name = fields.CharField(max_length=50)
    grade = fields.SmallIntField()
    age_band = fields.CharEnumField(AgeBand, max_length=20)

    class Meta:
        table = "school_class"
        unique_together = (("school", "school_year", "name"),)
        indexes = (("school_year_id",),)

    @classmethod
    def visible_to(cls, viewer: Viewer) -> QuerySet[SchoolClass]:
        return cls.filter(
            any_of(
                id__in=viewer.taught_class_ids | viewer.child_class_ids,
                school_id__in=viewer.staff_school_ids,
                school__district_id__in=viewer.admin_district_ids,
            )
        )


class Student(Model):
    id = fields.IntField(primary_key=True)
    school: fields.ForeignKeyRelation[School] = fields.ForeignKeyField(
        "models.School", related_name="students", on_delete=fields.RESTRICT
    )
    school_id: int
    school_class: fields.ForeignKeyRelation[SchoolClass] = fields.ForeignKeyField(
        "models.SchoolClass", related_name="students", on_delete=fields.RESTRICT
    )
    school_class_id: int
    student_no = fields.CharField(max_length=40, description="学号, unique within a school")
    name = fields.CharField(max_length=50)
    gender = fields.CharEnumField(Gender, max_length=10)
    birth_date = fields.DateField()

    class Meta:
        table = "student"
        unique_together = (("school", "student_no"),)
        indexes = (("school_class_id",),)  # rosters, class audiences

    def age_on(self, day: dt.date) -> int:
        before_birthday = (day.month, day.day) < (self.birth_date.month, self.birth_date.day)
        return day.year - self.birth_date.year - int(before_birthday)

    @classmethod
    def visible_to(cls, viewer: Viewer) -> QuerySet[Student]:
        """Guardians see their children; a class teacher the class; counselors and
        school admins the school; district admins the district. Lecturers see no student."""
        return cls.filter(
            any_of(
                id__in=viewer.child_ids,
                school_class_id__in=viewer.taught_class_ids,
                school_id__in=viewer.staff_school_ids,
                school__district_id__in=viewer.admin_district_ids,
            )
        )


class Guardianship(Model):
    """A guardian (a parent account) linked to a student."""

    id = fields.IntField(primary_key=True)
    student: fields.ForeignKeyRelation[Student] = fields.ForeignKeyField(
        "models.Student", related_name="guardianships", on_delete=fields.CASCADE
    )
    student_id: int
    guardian: fields.ForeignKeyRelation = fields.ForeignKeyField(
        "models.User", related_name="guardianships", on_delete=fields.CASCADE
    )
    guardian_id: int
    relationship = fields.CharEnumField(Relationship, max_length=20)
    created_at = fields.DatetimeField()

    class Meta:
        table = "guardianship"
        unique_together = (("student", "guardian"),)
        indexes = (("guardian_id", "student_id"),)  # a parent's children, every request

    @classmethod
    def visible_to(cls, viewer: Viewer) -> QuerySet[Guardianship]:
        """A parent sees their own links; staff see the links of students they may see."""
        own = Q(guardian_id=viewer.user_id) if viewer.user_id else Q(id__in=[])
        staff_students = Student.visible_to(viewer.as_staff()).values_list("id", flat=True)
        return cls.filter(own | Q(student_id__in=Subquery(staff_students)))


class StaffAssignment(Model):
    """A person's role and where it applies: a class, a school or a district."""

    id = fields.IntField(primary_key=True)
    user: fields.ForeignKeyRelation = fields.ForeignKeyField(
        "models.User", related_name="assignments", on_delete=fields.CASCADE
    )
    user_id: int
    role = fields.CharEnumField(StaffRole, max_length=20)
    district: fields.ForeignKeyNullableRelation[District] = fields.ForeignKeyField(
        "models.District", related_name="staff", null=True, on_delete=fields.CASCADE
    )
    district_id: int | None
    school: fields.ForeignKeyNullableRelation[School] = fields.ForeignKeyField(
        "models.School", related_name="staff", null=True, on_delete=fields.CASCADE
    )
    school_id: int | None
    school_class: fields.ForeignKeyNullableRelation[SchoolClass] = fields.ForeignKeyField(
        "models.SchoolClass", related_name="staff", null=True, on_delete=fields.CASCADE
    )
    school_class_id: int | None

    class Meta:
        table = "staff_assignment"
        unique_together = (("user", "role", "district", "school", "school_class"),)
        indexes = (("district_id",), ("school_id",), ("school_class_id",))


@dataclass(frozen=True, slots=True)
class GuardianAudience:
    """A broadcast to all active guardians of students matching every given scope (an empty
    scope is no filter). At least one of districts, schools or classes is needed, so a typo
    can't reach every family in the system. Stored on the outbox row as JSON."""

    kind: ClassVar[str] = "guardians"
    district_ids: tuple[int, ...] = ()
    school_ids: tuple[int, ...] = ()
    class_ids: tuple[int, ...] = ()
    age_bands: tuple[str, ...] = ()  # AgeBand values

    def __post_init__(self) -> None:
        if not (self.district_ids or self.school_ids or self.class_ids):
            raise ValueError("a guardian audience needs districts, schools or classes")

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "district_ids": list(self.district_ids),
            "school_ids": list(self.school_ids),
            "class_ids": list(self.class_ids),
            "age_bands": list(self.age_bands),
        }

    @classmethod
    def from_json(cls, spec: dict[str, Any]) -> GuardianAudience:
        if spec.get("kind") != cls.kind:
            raise ValueError(f"unknown audience kind {spec.get('kind')!r}")
        return cls(
            district_ids=tuple(spec.get("district_ids", ())),
            school_ids=tuple(spec.get("school_ids", ())),
            class_ids=tuple(spec.get("class_ids", ())),
            age_bands=tuple(spec.get("age_bands", ())),
        )


async def guardian_ids_after(
    audience: GuardianAudience, after_user_id: int, limit: int
) -> list[int]:
    """Who a guardian broadcast reaches: active guardians of the matching students, keyset
    by person id so the dispatcher can expand any audience in slices."""
    qs = Guardianship.filter(guardian_id__gt=after_user_id, guardian__is_active=True)
    if audience.district_ids:
        qs = qs.filter(student__school__district_id__in=list(audience.district_ids))
    if audience.school_ids:
        qs = qs.filter(student__school_id__in=list(audience.school_ids))
    if audience.class_ids:
        qs = qs.filter(student__school_class_id__in=list(audience.class_ids))
    if audience.age_bands:
        qs = qs.filter(student__school_class__age_band__in=list(audience.age_bands))
    rows: list[Any] = (
        await qs.distinct()
        .order_by("guardian_id")
        .limit(limit)
        .values_list("guardian_id", flat=True)
    )
    return [int(r) for r in rows]


register_audience(GuardianAudience, guardian_ids_after)

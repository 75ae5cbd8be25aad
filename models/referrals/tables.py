"""The referral tables: partner hospitals, consent templates, cases, consent requests, the
guardians' decisions, hand-overs and follow-ups.

Templates, decisions and hand-overs are append-only (`AppendOnly`): a new template version, a
withdrawal, a new hand-over, never an edit. A consent request stores the exact text it showed
and its SHA-256, so a later template change never changes what was agreed.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from tortoise import BaseDBAsyncClient, fields
from tortoise.expressions import Q, Subquery
from tortoise.manager import Manager
from tortoise.models import Model
from tortoise.queryset import QuerySet

from models.audit import AppendOnly, AppendOnlyManager, ImmutableRecordError
from models.schools import District, School, StaffRole, Student

if TYPE_CHECKING:
    from models.viewer import Viewer


class ConcernCategory(StrEnum):
    EMOTIONAL = "EMOTIONAL"  # 情绪问题
    ANXIETY = "ANXIETY"  # 焦虑
    DEPRESSION = "DEPRESSION"  # 抑郁
    SELF_HARM_RISK = "SELF_HARM_RISK"  # 自伤风险
    BEHAVIOURAL = "BEHAVIOURAL"  # 行为问题
    LEARNING = "LEARNING"  # 学习困难
    FAMILY = "FAMILY"  # 家庭问题
    OTHER = "OTHER"


class Urgency(StrEnum):
    ROUTINE = "ROUTINE"
    PRIORITY = "PRIORITY"
    URGENT = "URGENT"


class CaseStatus(StrEnum):
    OPEN = "OPEN"  # opened; consent asked for or not yet
    HANDED_OVER = "HANDED_OVER"  # with the partner hospital, after consent
    CLOSED = "CLOSED"


class CaseOutcome(StrEnum):
    RETURNED_TO_SCHOOL = "RETURNED_TO_SCHOOL"  # 复学
    RESOLVED_AT_SCHOOL = "RESOLVED_AT_SCHOOL"
    TREATED_ELSEWHERE = "TREATED_ELSEWHERE"
    CONSENT_NOT_GIVEN = "CONSENT_NOT_GIVEN"
    TRANSFERRED = "TRANSFERRED"
    OTHER = "OTHER"


class SharedData(StrEnum):
    """What a hand-over may carry; a consent request names the items, the hand-over carries
    those and nothing else."""

    STUDENT_NAME = "STUDENT_NAME"
    GENDER = "GENDER"
    BIRTH_DATE = "BIRTH_DATE"
    SCHOOL_AND_CLASS = "SCHOOL_AND_CLASS"
    CONCERN_CATEGORY = "CONCERN_CATEGORY"
    SUMMARY_FOR_HOSPITAL = "SUMMARY_FOR_HOSPITAL"  # written for the hospital, not the assessment
    GUARDIAN_CONTACT = "GUARDIAN_CONTACT"


SHARED_DATA_LABELS: dict[SharedData, tuple[str, str]] = {
    SharedData.STUDENT_NAME: ("学生姓名", "the student's name"),
    SharedData.GENDER: ("性别", "gender"),
    SharedData.BIRTH_DATE: ("出生日期", "date of birth"),
    SharedData.SCHOOL_AND_CLASS: ("学校与班级", "school and class"),
    SharedData.CONCERN_CATEGORY: ("关注问题类别", "the kind of concern"),
    SharedData.SUMMARY_FOR_HOSPITAL: ("心理老师为医院撰写的情况摘要", "the counselor's summary"),
    SharedData.GUARDIAN_CONTACT: ("监护人联系方式", "the guardians' contact"),
}


class RequestStatus(StrEnum):
    PENDING = "PENDING"
    GRANTED = "GRANTED"  # enough guardians consented
    DECLINED = "DECLINED"
    EXPIRED = "EXPIRED"
    WITHDRAWN = "WITHDRAWN"  # consent withdrawn: no further sharing
    CANCELLED = "CANCELLED"  # the case closed, or a new request replaced it


class DecisionKind(StrEnum):
    CONSENT = "CONSENT"
    DECLINE = "DECLINE"
    WITHDRAW = "WITHDRAW"


class FollowUpKind(StrEnum):
    APPOINTMENT = "APPOINTMENT"
    UPDATE = "UPDATE"
    RETURN_TO_SCHOOL_PLAN = "RETURN_TO_SCHOOL_PLAN"  # 复学计划


def _counselor_school_ids(viewer: Viewer) -> set[int]:
    return {
        a.school_id
        for a in viewer.assignments
        if a.role == StaffRole.COUNSELOR and a.school_id is not None
    }


class PartnerHospital(Model):
    """定点医院 of a district, with its green channel (绿色通道)."""

    id = fields.IntField(primary_key=True)
    district: fields.ForeignKeyRelation[District] = fields.ForeignKeyField(
        "models.District", related_name="partner_hospitals", on_delete=fields.RESTRICT
    )
    district_id: int
    name = fields.CharField(max_length=100)
    green_channel_contact = fields.CharField(max_length=100, description="person or desk")
    green_channel_phone = fields.CharField(max_length=40)
    address = fields.CharField(max_length=200, default="")
    active = fields.BooleanField(default=True)
    created_at = fields.DatetimeField()

    class Meta:
        table = "partner_hospital"
        unique_together = (("district", "name"),)

    @classmethod
    def visible_to(cls, viewer: Viewer) -> QuerySet[PartnerHospital]:
        """Public facts of the district: everyone who belongs to it."""
        return cls.filter(district_id__in=viewer.district_ids)


class ConsentTemplate(AppendOnly, Model):
    """A version of a district's consent text, in Chinese and English. Placeholders:
    {student}, {school}, {hospital}, {hospital_contact}, {data_items}, {purpose},
    {retention_days}, {expires_on}. The highest version is the one in force."""

    id = fields.IntField(primary_key=True)
    district: fields.ForeignKeyRelation[District] = fields.ForeignKeyField(
        "models.District", related_name="consent_templates", on_delete=fields.RESTRICT
    )
    district_id: int
    version = fields.IntField()
    body_zh = fields.TextField()
    body_en = fields.TextField()
    requires_both_guardians = fields.BooleanField(default=False)
    retention_days = fields.IntField(default=365, description="how long the hospital keeps it")
    created_by_id = fields.IntField(description="the district admin")
    created_at = fields.DatetimeField()

    class Meta:
        table = "consent_template"
        unique_together = (("district", "version"),)
        manager = AppendOnlyManager()

    @classmethod
    def visible_to(cls, viewer: Viewer) -> QuerySet[ConsentTemplate]:
        return cls.filter(district_id__in=viewer.district_ids)


class ReferralCase(Model):
    id = fields.IntField(primary_key=True)
    school: fields.ForeignKeyRelation[School] = fields.ForeignKeyField(
        "models.School", related_name="referral_cases", on_delete=fields.RESTRICT
    )
    school_id: int
    student: fields.ForeignKeyRelation[Student] = fields.ForeignKeyField(
        "models.Student", related_name="referral_cases", on_delete=fields.RESTRICT
    )
    student_id: int
    opened_by: fields.ForeignKeyRelation[Any] = fields.ForeignKeyField(
        "models.User", related_name="referral_cases_opened", on_delete=fields.RESTRICT
    )
    opened_by_id: int
    hospital: fields.ForeignKeyRelation[PartnerHospital] = fields.ForeignKeyField(
        "models.PartnerHospital", related_name="cases", on_delete=fields.RESTRICT
    )
    hospital_id: int
    concern_category = fields.CharEnumField(ConcernCategory, max_length=20)
    assessment = fields.TextField(description="the counselor's internal assessment")
    summary_for_hospital = fields.TextField(default="")
    urgency = fields.CharEnumField(Urgency, max_length=10)
    status = fields.CharEnumField(CaseStatus, max_length=12, default=CaseStatus.OPEN)
    outcome = fields.CharEnumField(CaseOutcome, max_length=20, null=True)
    outcome_note = fields.TextField(null=True)
    created_at = fields.DatetimeField()
    updated_at = fields.DatetimeField()
    closed_at = fields.DatetimeField(null=True)

    class Meta:
        table = "referral_case"
        indexes = (("school_id", "status"), ("student_id",), ("opened_by_id",), ("hospital_id",))

    @classmethod
    def visible_to(cls, viewer: Viewer) -> QuerySet[ReferralCase]:
        """Counselors of the school, and the student's guardians. Nobody else: not the class
        teacher (they learn only that a case is open), not admins."""
        return cls.filter(
            Q(school_id__in=_counselor_school_ids(viewer)) | Q(student_id__in=viewer.child_ids)
        )


# What a request showed and asked: written once, never changed (its status and the
# conversation mark may change).
REQUEST_TERMS = frozenset(
    {
        "case_id",
        "template_id",
        "template_version",
        "text",
        "text_sha256",
        "purpose",
        "shared_data",
        "requires_both_guardians",
        "requested_by_id",
        "created_at",
        "expires_at",
    }
)


class _RequestQuerySet(QuerySet[Any]):
    def update(self, **kwargs: Any) -> Any:
        if REQUEST_TERMS & set(kwargs):
            raise ImmutableRecordError("a consent request's terms are never changed")
        return super().update(**kwargs)


class _RequestManager(Manager):
    def get_queryset(self) -> QuerySet[Any]:
        return _RequestQuerySet(self._model)


class ConsentRequest(Model):
    id = fields.IntField(primary_key=True)
    case: fields.ForeignKeyRelation[ReferralCase] = fields.ForeignKeyField(
        "models.ReferralCase", related_name="consent_requests", on_delete=fields.RESTRICT
    )
    case_id: int
    template: fields.ForeignKeyRelation[ConsentTemplate] = fields.ForeignKeyField(
        "models.ConsentTemplate", related_name="requests", on_delete=fields.RESTRICT
    )
    template_id: int
    template_version = fields.IntField()
    text = fields.TextField(description="exactly what the guardians were shown")
    text_sha256 = fields.CharField(max_length=64)
    purpose = fields.TextField()
    shared_data: fields.JSONField[list[str]] = fields.JSONField(description="SharedData items")
    requires_both_guardians = fields.BooleanField()
    requested_by_id = fields.IntField()
    status = fields.CharEnumField(RequestStatus, max_length=10, default=RequestStatus.PENDING)
    created_at = fields.DatetimeField()
    expires_at = fields.DatetimeField()
    conversation_requested_at = fields.DatetimeField(null=True)

    class Meta:
        table = "consent_request"
        indexes = (("case_id",), ("template_id",))
        manager = _RequestManager()

    async def save(
        self,
        using_db: BaseDBAsyncClient | None = None,
        update_fields: Iterable[str] | None = None,
        force_create: bool = False,
        force_update: bool = False,
    ) -> None:
        """Once written, only the status and the conversation mark are saved."""
        if self._saved_in_db and (update_fields is None or REQUEST_TERMS & set(update_fields)):
            raise ImmutableRecordError("a consent request's terms are never changed")
        await super().save(using_db, update_fields, force_create, force_update)

    @classmethod
    def visible_to(cls, viewer: Viewer) -> QuerySet[ConsentRequest]:
        return cls.filter(
            case_id__in=Subquery(ReferralCase.visible_to(viewer).values_list("id", flat=True))
        )


class ConsentDecision(AppendOnly, Model):
    """One guardian's decision, kept as it was made: never edited or deleted."""

    id = fields.IntField(primary_key=True)
    request: fields.ForeignKeyRelation[ConsentRequest] = fields.ForeignKeyField(
        "models.ConsentRequest", related_name="decisions", on_delete=fields.RESTRICT
    )
    request_id: int
    guardian: fields.ForeignKeyRelation[Any] = fields.ForeignKeyField(
        "models.User", related_name="consent_decisions", on_delete=fields.RESTRICT
    )
    guardian_id: int
    relationship = fields.CharField(max_length=20)
    kind = fields.CharEnumField(DecisionKind, max_length=10)
    reason = fields.TextField(null=True)
    decided_at = fields.DatetimeField()
    device = fields.CharField(max_length=200)
    template_version = fields.IntField()
    text_sha256 = fields.CharField(max_length=64)
    typed_name = fields.CharField(max_length=50)

    class Meta:
        table = "consent_decision"
        indexes = (("request_id", "id"), ("guardian_id",))
        manager = AppendOnlyManager()

    @classmethod
    def visible_to(cls, viewer: Viewer) -> QuerySet[ConsentDecision]:
        return cls.filter(
            request_id__in=Subquery(ConsentRequest.visible_to(viewer).values_list("id", flat=True))
        )


class HandOver(AppendOnly, Model):
    """The case given to the partner hospital: only the data the consent named."""

    id = fields.IntField(primary_key=True)
    case: fields.ForeignKeyRelation[ReferralCase] = fields.ForeignKeyField(
        "models.ReferralCase", related_name="hand_overs", on_delete=fields.RESTRICT
    )
    case_id: int
    request: fields.ForeignKeyRelation[ConsentRequest] = fields.ForeignKeyField(
        "models.ConsentRequest", related_name="hand_overs", on_delete=fields.RESTRICT
    )
    request_id: int
    hospital_id = fields.IntField()
    data: fields.JSONField[dict[str, Any]] = fields.JSONField()
    handed_over_by_id = fields.IntField()
    handed_over_at = fields.DatetimeField()

    class Meta:
        table = "referral_hand_over"
        indexes = (("case_id",), ("request_id",))
        manager = AppendOnlyManager()


class FollowUp(Model):
    id = fields.IntField(primary_key=True)
    case: fields.ForeignKeyRelation[ReferralCase] = fields.ForeignKeyField(
        "models.ReferralCase", related_name="follow_ups", on_delete=fields.RESTRICT
    )
    case_id: int
    kind = fields.CharEnumField(FollowUpKind, max_length=24)
    note = fields.TextField()
    for_guardians = fields.BooleanField(description="shown to the guardians")
    happens_at = fields.DatetimeField(null=True, description="an appointment's or return's time")
    author_id = fields.IntField()
    created_at = fields.DatetimeField()

    class Meta:
        table = "referral_follow_up"
        indexes = (("case_id", "created_at"),)

    @classmethod
    def visible_to(cls, viewer: Viewer) -> QuerySet[FollowUp]:
        """Counselors see every note of their school's cases; guardians those addressed to
        them."""
        counselor = Q(case__school_id__in=_counselor_school_ids(viewer))
        guardian = Q(case__student_id__in=viewer.child_ids, for_guardians=True)
        return cls.filter(counselor | guardian)

"""Referral with guardian consent (转介): cases, consent requests and decisions, hand-over to
partner hospitals, follow-up, the case's access log, consent-record exports and help lines."""

from __future__ import annotations

import base64
import datetime as dt
from typing import Any

import strawberry
from strawberry import relay
from strawberry.permission import BasePermission
from tortoise.queryset import QuerySet

from core.errors import DomainError, ErrorCode
from graphql_schema.composition import DomainSchema
from graphql_schema.context import Info
from graphql_schema.errors import Payload, mutation
from graphql_schema.node import decode_id
from graphql_schema.pagination import connection
from graphql_schema.permissions import IsAuthenticated
from graphql_schema.referrals.types import (
    CaseOutcome,
    ConcernCategory,
    ConsentDecision,
    ConsentDecisionKind,
    ConsentRequest,
    ConsentTemplate,
    FollowUp,
    FollowUpKind,
    HelpLine,
    PartnerHospital,
    ReferralCase,
    ReferralHandOver,
    SharedData,
    Urgency,
    caller_of,
)
from graphql_schema.schools import District, Student
from models import referrals as referral_models
from models.referrals import cases, consent, export, templates
from models.referrals.access import record_denied_reads
from models.schools import StaffRole


class _AuditedRole(BasePermission):
    """A role's root field. A refused call that names a case is audited as denied."""

    roles: tuple[StaffRole, ...] = ()
    message = "没有权限执行此操作"
    error_extensions = {"code": ErrorCode.FORBIDDEN.value}

    async def has_permission(self, source: Any, info: Info, **kwargs: Any) -> bool:
        if info.context.viewer.has_role(*self.roles):
            return True
        case_gid = getattr(kwargs.get("input"), "case_id", None)
        if isinstance(case_gid, relay.GlobalID) and case_gid.node_id.isdigit():
            await record_denied_reads(caller_of(info), [int(case_gid.node_id)])
        return False


class IsCounselor(_AuditedRole):
    roles = (StaffRole.COUNSELOR,)


class IsDistrictAdmin(_AuditedRole):
    roles = (StaffRole.DISTRICT_ADMIN,)


# ------------------------------------------------------------------ queries


@strawberry.type
class ConsentRecordExport:
    json: str = strawberry.field(description="The record as JSON.")
    jws: str = strawberry.field(description="The record signed with the server's key (HS256).")
    pdf_base64: str = strawberry.field(description="The record as a PDF, base64.")


@strawberry.type
class ReferralQueries:
    @strawberry.field(description="Emergency numbers and help lines: public, never blocked.")
    def help_lines(self) -> list[HelpLine]:
        return [HelpLine(number=n, name=zh, name_en=en) for n, zh, en in referral_models.HELP_LINES]

    @strawberry.field(
        permission_classes=[IsAuthenticated],
        description="Whether the student has an open referral case: for the class teacher, the "
        "school's counselors and the guardians; null for anyone else.",
    )
    async def has_open_referral(self, info: Info, student_id: relay.GlobalID) -> bool | None:
        try:
            pk = decode_id(student_id, Student, "studentId")
        except DomainError:
            return None
        return await cases.has_open_referral(caller_of(info), student_id=pk)

    @strawberry.field(
        permission_classes=[IsAuthenticated],
        description="A consent record as signed JSON and PDF: for the guardians and counselors.",
    )
    async def export_consent_record(
        self, info: Info, request_id: relay.GlobalID
    ) -> ConsentRecordExport | None:
        try:
            pk = decode_id(request_id, ConsentRequest, "requestId")
            key = info.context.signing_key
            if key is None:
                raise RuntimeError("no signing key in the context")
            record, jws, pdf = await export.export_consent_record(
                caller_of(info), request_id=pk, key=key()
            )
        except DomainError:
            return None  # not the viewer's: no hint it exists
        return ConsentRecordExport(
            json=export.canonical_json(record),
            jws=jws,
            pdf_base64=base64.b64encode(pdf).decode(),
        )


@strawberry.type
class ReferralViewerFields:
    @connection(ReferralCase, "Referral cases: a counselor's school's, a guardian's children's.")
    def referral_cases(self, info: Info) -> QuerySet[referral_models.ReferralCase]:
        return referral_models.ReferralCase.visible_to(info.context.viewer).order_by("-created_at")

    @connection(ConsentRequest, "Consent requests about the viewer's children, newest first.")
    def consent_requests(self, info: Info) -> QuerySet[referral_models.ConsentRequest]:
        children = list(info.context.viewer.child_ids)
        return referral_models.ConsentRequest.filter(case__student_id__in=children).order_by("-id")

    @connection(PartnerHospital, "Partner hospitals of the viewer's districts.")
    def partner_hospitals(self, info: Info) -> QuerySet[referral_models.PartnerHospital]:
        return referral_models.PartnerHospital.visible_to(info.context.viewer).order_by("id")

    @connection(ConsentTemplate, "Consent template versions of the viewer's districts.")
    def consent_templates(self, info: Info) -> QuerySet[referral_models.ConsentTemplate]:
        return referral_models.ConsentTemplate.visible_to(info.context.viewer).order_by("-id")


# ------------------------------------------------------------------ mutations


@strawberry.input
class AddPartnerHospitalInput:
    district_id: relay.GlobalID
    name: str
    green_channel_contact: str
    green_channel_phone: str
    address: str = ""


@strawberry.type
class AddPartnerHospitalPayload(Payload):
    hospital: PartnerHospital | None = None


@strawberry.input
class PublishConsentTemplateInput:
    district_id: relay.GlobalID
    body_zh: str = strawberry.field(
        description="Placeholders: {student} {school} {hospital} "
        "{hospital_contact} {data_items} {purpose} {retention_days} {expires_on}"
    )
    body_en: str
    requires_both_guardians: bool = False
    retention_days: int = 365


@strawberry.type
class PublishConsentTemplatePayload(Payload):
    template: ConsentTemplate | None = None


@strawberry.input
class OpenReferralCaseInput:
    student_id: relay.GlobalID
    hospital_id: relay.GlobalID
    concern_category: ConcernCategory  # type: ignore[valid-type]
    assessment: str
    urgency: Urgency  # type: ignore[valid-type]
    summary_for_hospital: str = ""


@strawberry.type
class ReferralCasePayload(Payload):
    case: ReferralCase | None = None


@strawberry.input
class RequestReferralConsentInput:
    case_id: relay.GlobalID
    purpose: str
    shared_data: list[SharedData]  # type: ignore[valid-type]


@strawberry.type
class ConsentRequestPayload(Payload):
    consent_request: ConsentRequest | None = None


@strawberry.input
class DecideConsentInput:
    request_id: relay.GlobalID
    decision: ConsentDecisionKind  # type: ignore[valid-type]
    typed_name: str = strawberry.field(description="The guardian types their name to confirm.")
    reason: str | None = None


@strawberry.input
class WithdrawConsentInput:
    request_id: relay.GlobalID
    typed_name: str
    reason: str | None = None


@strawberry.type
class ConsentDecisionPayload(Payload):
    decision: ConsentDecision | None = None


@strawberry.input
class RequestConsentConversationInput:
    request_id: relay.GlobalID


@strawberry.input
class CaseInput:
    case_id: relay.GlobalID


@strawberry.type
class HandOverPayload(Payload):
    hand_over: ReferralHandOver | None = None


@strawberry.input
class AddReferralFollowUpInput:
    case_id: relay.GlobalID
    kind: FollowUpKind  # type: ignore[valid-type]
    note: str
    for_guardians: bool = False
    happens_at: dt.datetime | None = None


@strawberry.type
class FollowUpPayload(Payload):
    follow_up: FollowUp | None = None


@strawberry.input
class CloseReferralCaseInput:
    case_id: relay.GlobalID
    outcome: CaseOutcome  # type: ignore[valid-type]
    note: str = ""


def _case_id(gid: relay.GlobalID) -> int:
    return decode_id(gid, ReferralCase, "caseId")


def _request_id(gid: relay.GlobalID) -> int:
    return decode_id(gid, ConsentRequest, "requestId")


@strawberry.type
class ReferralMutations:
    @mutation(permission_classes=[IsAuthenticated, IsDistrictAdmin])
    async def add_partner_hospital(
        self, info: Info, input: AddPartnerHospitalInput
    ) -> AddPartnerHospitalPayload:
        row = await cases.add_partner_hospital(
            caller_of(info),
            district_id=decode_id(input.district_id, District, "districtId"),
            name=input.name,
            green_channel_contact=input.green_channel_contact,
            green_channel_phone=input.green_channel_phone,
            address=input.address,
        )
        return AddPartnerHospitalPayload(hospital=PartnerHospital.from_row(row))

    @mutation(permission_classes=[IsAuthenticated, IsDistrictAdmin])
    async def publish_consent_template(
        self, info: Info, input: PublishConsentTemplateInput
    ) -> PublishConsentTemplatePayload:
        row = await templates.publish_template(
            caller_of(info),
            district_id=decode_id(input.district_id, District, "districtId"),
            body_zh=input.body_zh,
            body_en=input.body_en,
            requires_both_guardians=input.requires_both_guardians,
            retention_days=input.retention_days,
        )
        return PublishConsentTemplatePayload(template=ConsentTemplate.from_row(row))

    @mutation(permission_classes=[IsAuthenticated, IsCounselor])
    async def open_referral_case(
        self, info: Info, input: OpenReferralCaseInput
    ) -> ReferralCasePayload:
        row = await cases.open_case(
            caller_of(info),
            student_id=decode_id(input.student_id, Student, "studentId"),
            hospital_id=decode_id(input.hospital_id, PartnerHospital, "hospitalId"),
            concern_category=input.concern_category,
            assessment=input.assessment,
            urgency=input.urgency,
            summary_for_hospital=input.summary_for_hospital,
        )
        return ReferralCasePayload(case=ReferralCase.from_row(row))

    @mutation(permission_classes=[IsAuthenticated, IsCounselor])
    async def request_referral_consent(
        self, info: Info, input: RequestReferralConsentInput
    ) -> ConsentRequestPayload:
        row = await consent.request_consent(
            caller_of(info),
            case_id=_case_id(input.case_id),
            purpose=input.purpose,
            shared_data=input.shared_data,
        )
        return ConsentRequestPayload(consent_request=ConsentRequest.from_row(row))

    @mutation(
        permission_classes=[IsAuthenticated],
        description="A guardian consents or declines (WITHDRAW: use withdrawReferralConsent).",
    )
    async def decide_referral_consent(
        self, info: Info, input: DecideConsentInput
    ) -> ConsentDecisionPayload:
        if input.decision == referral_models.DecisionKind.WITHDRAW:
            raise DomainError.single(ErrorCode.INVALID, "撤回请使用撤回操作", "decision")
        row = await consent.decide(
            caller_of(info),
            request_id=_request_id(input.request_id),
            kind=input.decision,
            typed_name=input.typed_name,
            reason=input.reason,
        )
        return ConsentDecisionPayload(decision=ConsentDecision.from_row(row))

    @mutation(permission_classes=[IsAuthenticated], description="As easy as consenting.")
    async def withdraw_referral_consent(
        self, info: Info, input: WithdrawConsentInput
    ) -> ConsentDecisionPayload:
        row = await consent.withdraw(
            caller_of(info),
            request_id=_request_id(input.request_id),
            typed_name=input.typed_name,
            reason=input.reason,
        )
        return ConsentDecisionPayload(decision=ConsentDecision.from_row(row))

    @mutation(permission_classes=[IsAuthenticated], description="Talk with the counselor first.")
    async def request_consent_conversation(
        self, info: Info, input: RequestConsentConversationInput
    ) -> ConsentRequestPayload:
        row = await consent.request_conversation(
            caller_of(info), request_id=_request_id(input.request_id)
        )
        return ConsentRequestPayload(consent_request=ConsentRequest.from_row(row))

    @mutation(permission_classes=[IsAuthenticated, IsCounselor])
    async def hand_over_referral_case(self, info: Info, input: CaseInput) -> HandOverPayload:
        row = await cases.hand_over(caller_of(info), case_id=_case_id(input.case_id))
        return HandOverPayload(hand_over=ReferralHandOver(row=row))

    @mutation(permission_classes=[IsAuthenticated, IsCounselor])
    async def add_referral_follow_up(
        self, info: Info, input: AddReferralFollowUpInput
    ) -> FollowUpPayload:
        row = await cases.add_follow_up(
            caller_of(info),
            case_id=_case_id(input.case_id),
            kind=input.kind,
            note=input.note,
            for_guardians=input.for_guardians,
            happens_at=input.happens_at,
        )
        return FollowUpPayload(follow_up=FollowUp.from_row(row))

    @mutation(permission_classes=[IsAuthenticated, IsCounselor])
    async def close_referral_case(
        self, info: Info, input: CloseReferralCaseInput
    ) -> ReferralCasePayload:
        row = await cases.close_case(
            caller_of(info), case_id=_case_id(input.case_id), outcome=input.outcome, note=input.note
        )
        return ReferralCasePayload(case=ReferralCase.from_row(row))


SCHEMA = DomainSchema(
    queries=ReferralQueries, mutations=ReferralMutations, viewer=ReferralViewerFields
)

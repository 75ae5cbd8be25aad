"""Referral types. A case shows each role the least it needs: the counselor everything, the
guardians their child's case without the internal assessment; nobody else sees a case at all.
Every case field a viewer reads is audited, once per case per request, in one append per
batch (`_audited_read`)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Annotated, Any, Self

import strawberry
from strawberry import relay

from graphql_schema.context import Info
from graphql_schema.node import ModelNode, related_node
from graphql_schema.pagination import ChildRows, children_of, connection
from models import accounts as account_models
from models import audit as audit_models
from models import referrals as referral_models
from models import schools as school_models

if TYPE_CHECKING:
    from graphql_schema.schools import Student

from models.referrals.access import Caller, Role, actor, is_counselor_of, record_denied_lookups

ConcernCategory = strawberry.enum(referral_models.ConcernCategory, description="关注问题类别")
Urgency = strawberry.enum(referral_models.Urgency)
CaseStatus = strawberry.enum(referral_models.CaseStatus)
CaseOutcome = strawberry.enum(referral_models.CaseOutcome)
SharedData = strawberry.enum(
    referral_models.SharedData, description="What a hand-over may carry to the hospital."
)
ConsentRequestStatus = strawberry.enum(referral_models.RequestStatus, name="ConsentRequestStatus")
ConsentDecisionKind = strawberry.enum(referral_models.DecisionKind, name="ConsentDecisionKind")
FollowUpKind = strawberry.enum(referral_models.FollowUpKind, name="ReferralFollowUpKind")
AuditOutcome = strawberry.enum(audit_models.AuditOutcome)


def caller_of(info: Info) -> Caller:
    """The viewer, the clock, the request id and the device, as the audit records them."""
    request = info.context.request
    headers = getattr(request, "headers", None) or {}
    device = headers.get("x-device-id") or headers.get("user-agent") or None
    return Caller(info.context.viewer, info.context.now(), info.context.request_id, device)


def _lazy(name: str) -> Any:
    return Annotated[name, strawberry.lazy("graphql_schema.referrals.types")]


@strawberry.type(description="An emergency number or help line; always available.")
class HelpLine:
    number: str
    name: str
    name_en: str


@strawberry.type(description="定点医院 of a district, with its green channel (绿色通道).")
class PartnerHospital(ModelNode):
    model = referral_models.PartnerHospital
    id: relay.NodeID[int]
    row: strawberry.Private[referral_models.PartnerHospital]
    name: str
    green_channel_contact: str
    green_channel_phone: str
    address: str
    district = related_node(school_models.District, "district_id")


@strawberry.type(description="A version of a district's consent text (知情同意书).")
class ConsentTemplate(ModelNode):
    model = referral_models.ConsentTemplate
    id: relay.NodeID[int]
    row: strawberry.Private[referral_models.ConsentTemplate]
    version: int
    body_zh: str
    body_en: str
    requires_both_guardians: bool
    retention_days: int
    created_at: dt.datetime


class _ReadAudit:
    """The cases read in this request and the fields read of each; one per request."""

    def __init__(self, info: Info) -> None:
        self.info = info
        self.fields: dict[int, set[str]] = {}

    async def load(self, case_ids: Sequence[int]) -> list[bool]:
        caller = caller_of(self.info)
        found = await referral_models.ReferralCase.filter(id__in=list(case_ids))
        await audit_models.record(
            [
                audit_models.AuditEntry(
                    actor(caller, _role(self.info, c)),
                    "read",
                    "referral_case",
                    c.id,
                    tuple(sorted(self.fields.get(c.id, ()))),
                )
                for c in sorted(found, key=lambda c: c.id)
            ],
            now=caller.now,
        )
        return [True for _ in case_ids]


async def _audited_read(info: Info, case_id: int, field: str) -> None:
    """Marks `field` of the case as read; the request's batch appends one audit event per case
    (with the fields read before the batch ran: those of one level of the query)."""
    loader = info.context.loaders.batch(("referral-read",), _ReadAudit(info).load)
    audit: _ReadAudit = loader.load_fn.__self__  # type: ignore[attr-defined]
    audit.fields.setdefault(case_id, set()).add(field)
    await loader.load(case_id)


def _role(info: Info, case: referral_models.ReferralCase) -> Role:
    return referral_models.role_on(info.context.viewer, case)


def _counselor(info: Info, case: referral_models.ReferralCase) -> bool:
    return is_counselor_of(info.context.viewer, case.school_id)


class _PartOfCase(ModelNode):
    """A case or a part of one: an id that exists but is hidden from the viewer is answered
    with null, and audited as a denied attempt on its case."""

    @classmethod
    async def resolve_nodes(  # type: ignore[override]
        cls, *, info: Info, node_ids: Iterable[str], required: bool = False
    ) -> list[Self | None]:
        ids = list(node_ids)
        nodes = await super().resolve_nodes(info=info, node_ids=ids, required=required)
        hidden = [int(i) for i, n in zip(ids, nodes, strict=True) if n is None and str(i).isdigit()]
        if hidden:
            await record_denied_lookups(caller_of(info), cls.model, hidden)
        return nodes


@strawberry.type(
    description="转介个案. Counselors of the school see it all; guardians their child's "
    "case without the internal assessment."
)
class ReferralCase(_PartOfCase):
    model = referral_models.ReferralCase
    id: relay.NodeID[int]
    row: strawberry.Private[referral_models.ReferralCase]

    @strawberry.field
    async def status(self, info: Info) -> CaseStatus:  # type: ignore[valid-type]
        await _audited_read(info, self.row.id, "status")
        return self.row.status

    @strawberry.field
    async def urgency(self, info: Info) -> Urgency:  # type: ignore[valid-type]
        await _audited_read(info, self.row.id, "urgency")
        return self.row.urgency

    @strawberry.field
    async def concern_category(self, info: Info) -> ConcernCategory:  # type: ignore[valid-type]
        await _audited_read(info, self.row.id, "concernCategory")
        return self.row.concern_category

    @strawberry.field(description="The counselor's internal assessment: null for guardians.")
    async def assessment(self, info: Info) -> str | None:
        await _audited_read(info, self.row.id, "assessment")
        return self.row.assessment if _counselor(info, self.row) else None

    @strawberry.field(description="What the hospital may get, if consented: counselors only.")
    async def summary_for_hospital(self, info: Info) -> str | None:
        await _audited_read(info, self.row.id, "summaryForHospital")
        return self.row.summary_for_hospital if _counselor(info, self.row) else None

    @strawberry.field
    async def outcome(self, info: Info) -> CaseOutcome | None:  # type: ignore[valid-type]
        await _audited_read(info, self.row.id, "outcome")
        return self.row.outcome

    @strawberry.field
    async def outcome_note(self, info: Info) -> str | None:
        await _audited_read(info, self.row.id, "outcomeNote")
        return self.row.outcome_note if _counselor(info, self.row) else None

    @strawberry.field
    async def created_at(self, info: Info) -> dt.datetime:
        await _audited_read(info, self.row.id, "createdAt")
        return self.row.created_at

    @strawberry.field
    async def updated_at(self, info: Info) -> dt.datetime:
        await _audited_read(info, self.row.id, "updatedAt")
        return self.row.updated_at

    @strawberry.field
    async def closed_at(self, info: Info) -> dt.datetime | None:
        await _audited_read(info, self.row.id, "closedAt")
        return self.row.closed_at

    @strawberry.field
    async def student(
        self, info: Info
    ) -> Annotated[Student, strawberry.lazy("graphql_schema.schools")] | None:
        from graphql_schema.schools import Student

        await _audited_read(info, self.row.id, "student")
        row = await info.context.loaders.get(school_models.Student, self.row.student_id)
        return Student.from_row(row) if row is not None else None

    @strawberry.field
    async def hospital(self, info: Info) -> PartnerHospital | None:
        await _audited_read(info, self.row.id, "hospital")
        row = await info.context.loaders.get(referral_models.PartnerHospital, self.row.hospital_id)
        return PartnerHospital.from_row(row) if row is not None else None

    @connection(_lazy("ConsentRequest"), "Consent requests of this case, newest first.")
    async def consent_requests(self, info: Info) -> ChildRows[referral_models.ConsentRequest]:
        await _audited_read(info, self.row.id, "consentRequests")
        visible = referral_models.ConsentRequest.visible_to(info.context.viewer).order_by("-id")
        return children_of(visible, case_id=self.id)

    @connection(_lazy("FollowUp"), "Follow-ups: guardians see those addressed to them.")
    async def follow_ups(self, info: Info) -> ChildRows[referral_models.FollowUp]:
        await _audited_read(info, self.row.id, "followUps")
        visible = referral_models.FollowUp.visible_to(info.context.viewer).order_by("-created_at")
        return children_of(visible, case_id=self.id)

    @strawberry.field(description="The hand-over to the hospital, once consented.")
    async def hand_over(self, info: Info) -> ReferralHandOver | None:
        await _audited_read(info, self.row.id, "handOver")
        row = await referral_models.HandOver.filter(case_id=self.row.id).order_by("-id").first()
        return ReferralHandOver(row=row) if row is not None else None

    @connection(_lazy("AccessLogEntry"), "Who read, changed or tried to reach this case.")
    async def access_log(self, info: Info) -> ChildRows[audit_models.AuditEvent]:
        await _audited_read(info, self.row.id, "accessLog")
        events = audit_models.AuditEvent.filter(subject_type="referral_case").order_by("-id")
        return children_of(events, subject_id=self.row.id)


@strawberry.type(description="What went to the hospital: only what the consent named.")
class ReferralHandOver:
    row: strawberry.Private[referral_models.HandOver]

    @strawberry.field
    def handed_over_at(self) -> dt.datetime:
        return self.row.handed_over_at

    @strawberry.field
    def shared_data(self) -> list[SharedData]:  # type: ignore[valid-type]
        return [referral_models.SharedData(i) for i in self.row.data.get("_items", {})]

    @strawberry.field(description="The data as sent, as JSON.")
    def data_json(self) -> str:
        data = {k: v for k, v in self.row.data.items() if k != "_items"}
        return json.dumps(data, ensure_ascii=False, sort_keys=True)


@strawberry.type(
    description="A consent request: the exact text the guardians are asked to agree to."
)
class ConsentRequest(_PartOfCase):
    model = referral_models.ConsentRequest
    id: relay.NodeID[int]
    row: strawberry.Private[referral_models.ConsentRequest]
    text_sha256: str
    template_version: int
    purpose: str
    requires_both_guardians: bool
    created_at: dt.datetime
    expires_at: dt.datetime
    conversation_requested_at: dt.datetime | None
    case = related_node(referral_models.ReferralCase, "case_id")

    @strawberry.field
    async def status(self, info: Info) -> ConsentRequestStatus:  # type: ignore[valid-type]
        await _audited_read(info, self.row.case_id, "consentRequest.status")
        return self.row.status

    @strawberry.field(description="Exactly what the guardians are asked to agree to.")
    async def text(self, info: Info) -> str:
        await _audited_read(info, self.row.case_id, "consentRequest.text")
        return self.row.text

    @strawberry.field
    def shared_data(self) -> list[SharedData]:  # type: ignore[valid-type]
        return [referral_models.SharedData(i) for i in self.row.shared_data]

    @connection(_lazy("ConsentDecision"), "Every decision, oldest first; never edited.")
    def decisions(self, info: Info) -> ChildRows[referral_models.ConsentDecision]:
        visible = referral_models.ConsentDecision.visible_to(info.context.viewer).order_by("id")
        return children_of(visible, request_id=self.id)


@strawberry.type(description="One guardian's decision, kept as made.")
class ConsentDecision(_PartOfCase):
    model = referral_models.ConsentDecision
    id: relay.NodeID[int]
    row: strawberry.Private[referral_models.ConsentDecision]
    kind: ConsentDecisionKind  # type: ignore[valid-type]
    relationship: str
    decided_at: dt.datetime
    device: str
    template_version: int
    text_sha256: str
    typed_name: str
    reason: str | None
    guardian = related_node(
        account_models.User,
        "guardian_id",
        graphql_type=Annotated["Person", strawberry.lazy("graphql_schema.accounts")] | None,  # noqa: F821
    )


@strawberry.type(name="ReferralFollowUp", description="An appointment, update or 复学 plan.")
class FollowUp(_PartOfCase):
    model = referral_models.FollowUp
    id: relay.NodeID[int]
    row: strawberry.Private[referral_models.FollowUp]
    kind: FollowUpKind  # type: ignore[valid-type]
    note: str
    for_guardians: bool
    happens_at: dt.datetime | None
    created_at: dt.datetime


@strawberry.type(description="An audit event about a case: who, in which role, what, when.")
class AccessLogEntry(ModelNode):
    model = audit_models.AuditEvent
    id: relay.NodeID[int]
    row: strawberry.Private[audit_models.AuditEvent]
    at: dt.datetime
    action: str
    actor_role: str
    outcome: AuditOutcome  # type: ignore[valid-type]

    @strawberry.field
    def fields(self) -> list[str]:
        return list(self.row.field_names)

    @strawberry.field(description="The name of a counselor or guardian; null for anyone else.")
    async def actor_name(self, info: Info) -> str | None:
        if self.row.actor_id is None or self.row.actor_role not in ("COUNSELOR", "GUARDIAN"):
            return None

        async def load(ids: Sequence[int]) -> list[str | None]:
            names = dict(
                await account_models.User.filter(id__in=list(ids)).values_list("id", "name")
            )
            return [names.get(i) for i in ids]

        return await info.context.loaders.batch(("referral-actor-names",), load).load(
            self.row.actor_id
        )

"""Given-state shared by the referral tests (no tests here): a district's partner hospital and
consent template, and a case at the usual World's school for student A."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from core.clock import FrozenClock
from models.audit import Actor, AuditEntry, record
from models.referrals import (
    ConcernCategory,
    ConsentDecision,
    ConsentRequest,
    ConsentTemplate,
    DecisionKind,
    FollowUp,
    FollowUpKind,
    PartnerHospital,
    ReferralCase,
    Urgency,
)
from models.referrals.access import Caller
from models.viewer import load_viewer
from tests.factories import START, World, make_world
from tests.helpers import gid

TEMPLATE_ZH = (
    "本人同意{school}将{student}的以下信息：{data_items}，提供给{hospital}（绿色通道：{hospital_contact}），"
    "用于{purpose}。医院保存 {retention_days} 天。"
    "本同意仅用于本次转介，可随时撤回，撤回与同意一样简便。"
    "请于 {expires_on} 前作出决定。"
)
TEMPLATE_EN = (
    "I agree that {school} shares {student}'s {data_items} with {hospital} (green channel: "
    "{hospital_contact}) for {purpose}; kept {retention_days} days. I may withdraw at any time. "
    "Please decide before {expires_on}."
)
PURPOSE = "专业心理评估与治疗"


@dataclass
class ReferralWorld:
    world: World
    hospital: PartnerHospital
    template: ConsentTemplate
    case: ReferralCase


async def make_hospital(world: World, name: str = "青禾区精神卫生中心") -> PartnerHospital:
    return await PartnerHospital.create(
        district_id=world.district.id,
        name=name,
        green_channel_contact="绿色通道门诊",
        green_channel_phone="0571-88880000",
        created_at=START,
    )


async def make_template(
    world: World, *, version: int = 1, both: bool = False, body_zh: str = TEMPLATE_ZH
) -> ConsentTemplate:
    return await ConsentTemplate.create(
        district_id=world.district.id,
        version=version,
        body_zh=body_zh,
        body_en=TEMPLATE_EN,
        requires_both_guardians=both,
        retention_days=180,
        created_by_id=world.district_admin.id,
        created_at=START,
    )


async def make_case(world: World, hospital: PartnerHospital) -> ReferralCase:
    return await ReferralCase.create(
        school_id=world.school.id,
        student_id=world.student_a.id,
        opened_by_id=world.counselor.id,
        hospital_id=hospital.id,
        concern_category=ConcernCategory.ANXIETY,
        assessment="内部评估：近两周失眠，课堂上多次哭泣",
        summary_for_hospital="近期情绪低落，建议专业评估",
        urgency=Urgency.PRIORITY,
        created_at=START,
        updated_at=START,
    )


async def make_referral_world(*, both: bool = False) -> ReferralWorld:
    world = await make_world()
    hospital = await make_hospital(world)
    template = await make_template(world, both=both)
    return ReferralWorld(world, hospital, template, await make_case(world, hospital))


async def caller(
    user_id: int, clock: FrozenClock | dt.datetime, device: str = "test-phone"
) -> Caller:
    """A domain caller for `user_id`, as the GraphQL layer would make it."""
    now = clock.now() if isinstance(clock, FrozenClock) else clock
    return Caller(await load_viewer(user_id), now, "test-request", device)


# ------------------------------------------------------------------ the permission matrix
# Spread into tests/test_permissions.py: who is refused each referral root field, a call of
# each, and who may see each referral object by id.

REFERRAL_GUARDS: dict[str, tuple[str, str] | None] = {
    "Query.helpLines": None,  # never blocked, not even signed out
    "Query.hasOpenReferral": ("anonymous", "UNAUTHENTICATED"),
    "Query.exportConsentRecord": ("anonymous", "UNAUTHENTICATED"),
    "Mutation.addPartnerHospital": ("counselor", "FORBIDDEN"),
    "Mutation.publishConsentTemplate": ("school_admin", "FORBIDDEN"),
    "Mutation.openReferralCase": ("teacher_a", "FORBIDDEN"),
    "Mutation.requestReferralConsent": ("parent_a", "FORBIDDEN"),
    # guardians are checked object by object (userErrors NOT_FOUND / NOT_A_GUARDIAN)
    "Mutation.decideReferralConsent": ("anonymous", "UNAUTHENTICATED"),
    "Mutation.withdrawReferralConsent": ("anonymous", "UNAUTHENTICATED"),
    "Mutation.requestConsentConversation": ("anonymous", "UNAUTHENTICATED"),
    "Mutation.handOverReferralCase": ("parent_a", "FORBIDDEN"),
    "Mutation.addReferralFollowUp": ("teacher_a", "FORBIDDEN"),
    "Mutation.closeReferralCase": ("district_admin", "FORBIDDEN"),
}

REFERRAL_CALLS: dict[str, tuple[str, dict[str, str]]] = {
    "Query.hasOpenReferral": (
        "query($s: ID!) { hasOpenReferral(studentId: $s) }",
        {"s": "STUDENT_A"},
    ),
    "Query.exportConsentRecord": (
        "query($r: ID!) { exportConsentRecord(requestId: $r) { jws } }",
        {"r": "CONSENT_REQUEST"},
    ),
    "Mutation.addPartnerHospital": (
        'mutation($d: ID!) { addPartnerHospital(input: {districtId: $d, name: "n", '
        'greenChannelContact: "c", greenChannelPhone: "1"}) { userErrors { code } } }',
        {"d": "DISTRICT"},
    ),
    "Mutation.publishConsentTemplate": (
        'mutation($d: ID!) { publishConsentTemplate(input: {districtId: $d, bodyZh: "z", '
        'bodyEn: "e"}) { userErrors { code } } }',
        {"d": "DISTRICT"},
    ),
    "Mutation.openReferralCase": (
        "mutation($s: ID!, $h: ID!) { openReferralCase(input: {studentId: $s, hospitalId: $h, "
        'concernCategory: OTHER, assessment: "a", urgency: ROUTINE}) { userErrors { code } } }',
        {"s": "STUDENT_A", "h": "HOSPITAL"},
    ),
    "Mutation.requestReferralConsent": (
        'mutation($c: ID!) { requestReferralConsent(input: {caseId: $c, purpose: "p", '
        "sharedData: [STUDENT_NAME]}) { userErrors { code } } }",
        {"c": "REFERRAL_CASE"},
    ),
    "Mutation.decideReferralConsent": (
        "mutation($r: ID!) { decideReferralConsent(input: {requestId: $r, decision: CONSENT, "
        'typedName: "x"}) { userErrors { code } } }',
        {"r": "CONSENT_REQUEST"},
    ),
    "Mutation.withdrawReferralConsent": (
        'mutation($r: ID!) { withdrawReferralConsent(input: {requestId: $r, typedName: "x"}) '
        "{ userErrors { code } } }",
        {"r": "CONSENT_REQUEST"},
    ),
    "Mutation.requestConsentConversation": (
        "mutation($r: ID!) { requestConsentConversation(input: {requestId: $r}) "
        "{ userErrors { code } } }",
        {"r": "CONSENT_REQUEST"},
    ),
    "Mutation.handOverReferralCase": (
        "mutation($c: ID!) { handOverReferralCase(input: {caseId: $c}) { userErrors { code } } }",
        {"c": "REFERRAL_CASE"},
    ),
    "Mutation.addReferralFollowUp": (
        'mutation($c: ID!) { addReferralFollowUp(input: {caseId: $c, kind: UPDATE, note: "n"}) '
        "{ userErrors { code } } }",
        {"c": "REFERRAL_CASE"},
    ),
    "Mutation.closeReferralCase": (
        "mutation($c: ID!) { closeReferralCase(input: {caseId: $c, outcome: OTHER}) "
        "{ userErrors { code } } }",
        {"c": "REFERRAL_CASE"},
    ),
}


def referral_call_ids(world: World) -> dict[str, str]:
    """The placeholders of REFERRAL_CALLS; the rows need not exist (the guard answers first)."""
    return {
        "DISTRICT": gid("District", world.district.id),
        "HOSPITAL": gid("PartnerHospital", 1),
        "REFERRAL_CASE": gid("ReferralCase", 1),
        "CONSENT_REQUEST": gid("ConsentRequest", 1),
    }


_DISTRICT_MEMBERS = {
    "parent_a",
    "parent_b",
    "teacher_a",
    "teacher_b",
    "counselor",
    "lecturer",
    "school_admin",
    "district_admin",
}

# A case and everything of it: only the school's counselor and the child's guardians.
REFERRAL_VISIBLE: dict[str, set[str]] = {
    "referral_case": {"parent_a", "counselor"},
    "consent_request": {"parent_a", "counselor"},
    "consent_decision": {"parent_a", "counselor"},
    "follow_up_for_guardians": {"parent_a", "counselor"},
    "follow_up_internal": {"counselor"},
    "access_log_entry": set(),  # read only through its case's accessLog
    "partner_hospital": _DISTRICT_MEMBERS,
    "consent_template": _DISTRICT_MEMBERS,
}


async def referral_objects(world: World) -> dict[str, str]:
    hospital = await make_hospital(world)
    template = await make_template(world)
    case = await make_case(world, hospital)
    request = await ConsentRequest.create(
        case=case,
        template=template,
        template_version=1,
        text="t",
        text_sha256="0" * 64,
        purpose="p",
        shared_data=["STUDENT_NAME"],
        requires_both_guardians=False,
        requested_by_id=world.counselor.id,
        created_at=START,
        expires_at=START,
    )
    decision = await ConsentDecision.create(
        request=request,
        guardian=world.parent_a,
        relationship="MOTHER",
        kind=DecisionKind.DECLINE,
        decided_at=START,
        device="d",
        template_version=1,
        text_sha256="0" * 64,
        typed_name=world.parent_a.name,
    )
    notes = {
        shown: await FollowUp.create(
            case=case,
            kind=FollowUpKind.UPDATE,
            note="n",
            for_guardians=shown,
            author_id=world.counselor.id,
            created_at=START,
        )
        for shown in (True, False)
    }
    (event,) = await record(
        [AuditEntry(Actor(world.counselor.id, "COUNSELOR"), "read", "referral_case", case.id)],
        now=START,
    )
    return {
        "referral_case": gid("ReferralCase", case.id),
        "consent_request": gid("ConsentRequest", request.id),
        "consent_decision": gid("ConsentDecision", decision.id),
        "follow_up_for_guardians": gid("ReferralFollowUp", notes[True].id),
        "follow_up_internal": gid("ReferralFollowUp", notes[False].id),
        "access_log_entry": gid("AccessLogEntry", event.id),
        "partner_hospital": gid("PartnerHospital", hospital.id),
        "consent_template": gid("ConsentTemplate", template.id),
    }

"""Referral with guardian consent, through HTTP with real tokens: open, ask consent, decide,
expire, hand over, follow up, close; and every illegal transition refused with its code."""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

from core.clock import FrozenClock
from models.audit import AuditEvent, AuditOutcome
from models.jobs import Job, JobRunner, JobStatus
from models.referrals import (
    CaseStatus,
    ConsentDecision,
    ConsentRequest,
    ConsentTemplate,
    FollowUp,
    HandOver,
    ReferralCase,
    RequestStatus,
)
from models.referrals.templates import ALWAYS_EN, ALWAYS_ZH
from models.schools import Relationship
from notifications.models import Notification
from notifications.templates import render_push
from tests.client import GraphQLClient
from tests.factories import make_guardian, make_user
from tests.helpers import gid, user_errors
from tests.test_referrals_world import PURPOSE, ReferralWorld, make_referral_world, make_template

DAY = dt.timedelta(days=1)
ERRORS = "userErrors { code field message }"

OPEN = f"""
mutation($input: OpenReferralCaseInput!) {{ openReferralCase(input: $input) {{
  case {{ id status }} {ERRORS} }} }}"""
REQUEST = f"""
mutation($input: RequestReferralConsentInput!) {{ requestReferralConsent(input: $input) {{
  consentRequest {{ id status text textSha256 templateVersion expiresAt sharedData }}
  {ERRORS} }} }}"""
DECIDE = f"""
mutation($input: DecideConsentInput!) {{ decideReferralConsent(input: $input) {{
  decision {{ kind relationship device templateVersion textSha256 typedName }} {ERRORS} }} }}"""
WITHDRAW = f"""
mutation($input: WithdrawConsentInput!) {{ withdrawReferralConsent(input: $input) {{
  decision {{ kind }} {ERRORS} }} }}"""
HAND_OVER = f"""
mutation($id: ID!) {{ handOverReferralCase(input: {{caseId: $id}}) {{
  handOver {{ sharedData dataJson }} {ERRORS} }} }}"""
FOLLOW_UP = f"""
mutation($input: AddReferralFollowUpInput!) {{ addReferralFollowUp(input: $input) {{
  followUp {{ id kind }} {ERRORS} }} }}"""
CLOSE = f"""
mutation($input: CloseReferralCaseInput!) {{ closeReferralCase(input: $input) {{
  case {{ status outcome }} {ERRORS} }} }}"""
CONVERSATION = f"""
mutation($id: ID!) {{ requestConsentConversation(input: {{requestId: $id}}) {{
  consentRequest {{ conversationRequestedAt }} {ERRORS} }} }}"""


async def _tokens(gql: GraphQLClient, rw: ReferralWorld) -> dict[str, str]:
    w = rw.world
    return {
        "counselor": await gql.token(w.counselor.phone),
        "parent_a": await gql.token(w.parent_a.phone),
        "parent_b": await gql.token(w.parent_b.phone),
        "teacher_a": await gql.token(w.teacher_a.phone),
    }


async def _ask(
    gql: GraphQLClient, rw: ReferralWorld, token: str, items: list[str] | None = None
) -> dict[str, Any]:
    body = await gql(
        REQUEST,
        {
            "input": {
                "caseId": gid("ReferralCase", rw.case.id),
                "purpose": PURPOSE,
                "sharedData": items or ["STUDENT_NAME", "CONCERN_CATEGORY"],
            }
        },
        token=token,
    )
    return body["data"]["requestReferralConsent"]


async def _decide(
    gql: GraphQLClient, request_gid: str, token: str, name: str, kind: str = "CONSENT"
) -> dict[str, Any]:
    body = await gql(
        DECIDE,
        {"input": {"requestId": request_gid, "decision": kind, "typedName": name}},
        token=token,
        headers={"X-Device-Id": "iPhone 15 / 3.2.0"},
    )
    return body["data"]["decideReferralConsent"]


async def test_counselor_opens_a_case_for_a_student_of_the_school(gql: GraphQLClient) -> None:
    rw = await make_referral_world()
    w = rw.world
    token = await gql.token(w.counselor.phone)

    body = await gql(
        OPEN,
        {
            "input": {
                "studentId": gid("Student", w.student_b.id),
                "hospitalId": gid("PartnerHospital", rw.hospital.id),
                "concernCategory": "DEPRESSION",
                "assessment": "持续情绪低落",
                "urgency": "URGENT",
            }
        },
        token=token,
    )

    payload = body["data"]["openReferralCase"]
    assert payload["userErrors"] == [] and payload["case"]["status"] == "OPEN"
    case = await ReferralCase.get(student_id=w.student_b.id)
    assert (case.school_id, case.opened_by_id) == (w.school.id, w.counselor.id)
    event = await AuditEvent.filter(action="case.open").get()
    assert (event.subject_id, event.actor_role, event.outcome) == (
        case.id,
        "COUNSELOR",
        AuditOutcome.OK,
    )


async def test_a_class_teacher_may_not_open_a_case(gql: GraphQLClient) -> None:
    rw = await make_referral_world()
    w = rw.world
    variables = {
        "input": {
            "studentId": gid("Student", w.student_a.id),
            "hospitalId": gid("PartnerHospital", rw.hospital.id),
            "concernCategory": "OTHER",
            "assessment": "x",
            "urgency": "ROUTINE",
        }
    }

    body = await gql(OPEN, variables, token=await gql.token(w.teacher_a.phone))

    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert await ReferralCase.all().count() == 1  # only the world's case


async def test_consent_request_shows_the_exact_text_and_notifies_without_detail(
    gql: GraphQLClient, clock: FrozenClock
) -> None:
    rw = await make_referral_world()
    t = await _tokens(gql, rw)

    payload = await _ask(gql, rw, t["counselor"])

    assert payload["userErrors"] == []
    req = payload["consentRequest"]
    text = req["text"]
    for fact in (
        rw.world.student_a.name,
        "青禾区精神卫生中心",
        "0571-88880000",
        "学生姓名",
        PURPOSE,
    ):
        assert fact in text
    assert "180" in text
    assert ALWAYS_ZH in text and ALWAYS_EN in text  # separate, withdrawable: whatever the template
    assert req["textSha256"] == hashlib.sha256(text.encode()).hexdigest()
    assert (req["status"], req["templateVersion"]) == ("PENDING", 1)
    assert dt.datetime.fromisoformat(req["expiresAt"]) == clock.now() + 7 * DAY
    inbox = await Notification.filter(recipient_id=rw.world.parent_a.id).get()
    assert inbox.template == "consent_request.new"
    push_title, push_body = render_push(inbox.template, "zh-CN")
    assert push_title == "您有一条新的知情同意请求"
    assert rw.world.student_a.name not in push_title + push_body + inbox.title + inbox.body
    jobs = await Job.filter(status=JobStatus.PENDING).order_by("run_at")
    assert [(j.kind, j.run_at - clock.now()) for j in jobs] == [
        ("referrals.remind_consent", DAY),
        ("referrals.remind_consent", 3 * DAY),
        ("referrals.expire_consent", 7 * DAY),
    ]


async def test_guardian_consents_with_typed_name_and_the_decision_records_everything(
    gql: GraphQLClient,
) -> None:
    rw = await make_referral_world()
    t = await _tokens(gql, rw)
    req = (await _ask(gql, rw, t["counselor"]))["consentRequest"]

    payload = await _decide(gql, req["id"], t["parent_a"], rw.world.parent_a.name)

    assert payload["userErrors"] == []
    decision = await ConsentDecision.get()
    assert decision.guardian_id == rw.world.parent_a.id
    assert decision.relationship == Relationship.MOTHER.value
    assert decision.device == "iPhone 15 / 3.2.0"
    assert (decision.template_version, decision.text_sha256) == (1, req["textSha256"])
    assert decision.typed_name == rw.world.parent_a.name
    assert (await ConsentRequest.get()).status == RequestStatus.GRANTED
    assert await Job.filter(status=JobStatus.PENDING).count() == 0  # reminders and expiry off


async def test_a_typed_name_that_is_not_the_guardians_is_refused(gql: GraphQLClient) -> None:
    rw = await make_referral_world()
    t = await _tokens(gql, rw)
    req = (await _ask(gql, rw, t["counselor"]))["consentRequest"]

    payload = await _decide(gql, req["id"], t["parent_a"], "别人的名字")

    assert user_errors(payload) == [("NAME_MISMATCH", "typedName")]
    assert await ConsentDecision.all().count() == 0
    assert (await ConsentRequest.get()).status == RequestStatus.PENDING


async def test_consent_by_someone_who_is_not_a_guardian_is_refused_and_audited(
    gql: GraphQLClient,
) -> None:
    rw = await make_referral_world()
    t = await _tokens(gql, rw)
    req = (await _ask(gql, rw, t["counselor"]))["consentRequest"]

    by_counselor = await _decide(gql, req["id"], t["counselor"], rw.world.counselor.name)
    by_other_parent = await _decide(gql, req["id"], t["parent_b"], rw.world.parent_b.name)

    assert user_errors(by_counselor) == [("NOT_A_GUARDIAN", "requestId")]
    assert user_errors(by_other_parent) == [("NOT_FOUND", "requestId")]
    assert await ConsentDecision.all().count() == 0
    denied = await AuditEvent.filter(action="consent.consent", outcome=AuditOutcome.DENIED)
    assert sorted((e.actor_id, e.actor_role) for e in denied) == sorted(
        [(rw.world.counselor.id, "COUNSELOR"), (rw.world.parent_b.id, "NONE")]
    )


async def test_hand_over_without_consent_is_refused_whatever_the_counselor_does(
    gql: GraphQLClient,
) -> None:
    rw = await make_referral_world()
    t = await _tokens(gql, rw)
    case_gid = gid("ReferralCase", rw.case.id)

    before_request = await gql(HAND_OVER, {"id": case_gid}, token=t["counselor"])
    await _ask(gql, rw, t["counselor"])
    while_pending = await gql(HAND_OVER, {"id": case_gid}, token=t["counselor"])

    for body in (before_request, while_pending):
        assert user_errors(body["data"]["handOverReferralCase"]) == [("NO_VALID_CONSENT", "caseId")]
    assert await HandOver.all().count() == 0
    assert (await ReferralCase.get()).status == CaseStatus.OPEN
    refused = await AuditEvent.filter(action="case.hand_over").values_list("outcome", flat=True)
    assert list(refused) == [AuditOutcome.REFUSED, AuditOutcome.REFUSED]


async def test_hand_over_after_consent_carries_only_the_data_the_consent_named(
    gql: GraphQLClient,
) -> None:
    rw = await make_referral_world()
    t = await _tokens(gql, rw)
    req = (await _ask(gql, rw, t["counselor"], ["STUDENT_NAME", "CONCERN_CATEGORY"]))[
        "consentRequest"
    ]
    await _decide(gql, req["id"], t["parent_a"], rw.world.parent_a.name)

    body = await gql(HAND_OVER, {"id": gid("ReferralCase", rw.case.id)}, token=t["counselor"])

    payload = body["data"]["handOverReferralCase"]
    assert payload["userErrors"] == []
    assert payload["handOver"]["sharedData"] == ["STUDENT_NAME", "CONCERN_CATEGORY"]
    record = await HandOver.get()
    assert set(record.data) == {"studentName", "concernCategory", "_items"}
    assert "内部评估" not in payload["handOver"]["dataJson"]
    assert (await ReferralCase.get()).status == CaseStatus.HANDED_OVER
    parent_inbox = await Notification.filter(
        recipient_id=rw.world.parent_a.id, template="referral.updated"
    ).count()
    assert parent_inbox == 1
    push = "".join("".join(render_push("referral.updated", loc)) for loc in ("zh-CN", "en-US"))
    assert "转介" not in push and "referral" not in push.lower()  # nothing on a lock screen


async def test_declined_consent_blocks_the_hand_over(gql: GraphQLClient) -> None:
    rw = await make_referral_world()
    t = await _tokens(gql, rw)
    req = (await _ask(gql, rw, t["counselor"]))["consentRequest"]

    declined = await _decide(gql, req["id"], t["parent_a"], rw.world.parent_a.name, "DECLINE")
    again = await _decide(gql, req["id"], t["parent_a"], rw.world.parent_a.name)
    hand_over = await gql(HAND_OVER, {"id": gid("ReferralCase", rw.case.id)}, token=t["counselor"])

    assert declined["userErrors"] == []
    assert user_errors(again) == [("CONSENT_REQUEST_CLOSED", "requestId")]
    assert user_errors(hand_over["data"]["handOverReferralCase"]) == [
        ("NO_VALID_CONSENT", "caseId")
    ]
    assert (await ConsentRequest.get()).status == RequestStatus.DECLINED


async def test_a_decision_on_an_expired_request_is_refused(
    gql: GraphQLClient, clock: FrozenClock
) -> None:
    rw = await make_referral_world()
    t = await _tokens(gql, rw)
    req = (await _ask(gql, rw, t["counselor"]))["consentRequest"]
    clock.advance(7 * DAY)
    parent = await gql.token(rw.world.parent_a.phone)  # the first token has expired meanwhile

    payload = await _decide(gql, req["id"], parent, rw.world.parent_a.name)

    assert user_errors(payload) == [("CONSENT_EXPIRED", "requestId")]
    assert await ConsentDecision.all().count() == 0


async def test_expiry_and_reminders_run_at_day_1_day_3_and_day_7(
    gql: GraphQLClient, clock: FrozenClock
) -> None:
    rw = await make_referral_world()
    t = await _tokens(gql, rw)
    await _ask(gql, rw, t["counselor"])
    runner = JobRunner(clock)
    parent = rw.world.parent_a.id

    async def reminders() -> int:
        while await runner.run_once() is not None:
            pass
        return await Notification.filter(
            recipient_id=parent, template="consent_request.reminder"
        ).count()

    seen = []
    for hours in (23, 1, 47, 1, 95, 1):
        clock.advance(dt.timedelta(hours=hours))
        seen.append((await reminders(), (await ConsentRequest.get()).status))

    assert seen == [
        (0, RequestStatus.PENDING),  # day 1 minus an hour
        (1, RequestStatus.PENDING),  # day 1
        (1, RequestStatus.PENDING),
        (2, RequestStatus.PENDING),  # day 3
        (2, RequestStatus.PENDING),
        (2, RequestStatus.EXPIRED),  # day 7
    ]
    expired = await AuditEvent.filter(action="consent.expire").get()
    assert expired.actor_role == "SYSTEM"


async def test_withdrawal_after_hand_over_stops_further_sharing(gql: GraphQLClient) -> None:
    rw = await make_referral_world()
    t = await _tokens(gql, rw)
    req = (await _ask(gql, rw, t["counselor"]))["consentRequest"]
    await _decide(gql, req["id"], t["parent_a"], rw.world.parent_a.name)
    await gql(HAND_OVER, {"id": gid("ReferralCase", rw.case.id)}, token=t["counselor"])

    body = await gql(
        WITHDRAW,
        {"input": {"requestId": req["id"], "typedName": rw.world.parent_a.name}},
        token=t["parent_a"],
    )
    again = await gql(HAND_OVER, {"id": gid("ReferralCase", rw.case.id)}, token=t["counselor"])

    assert body["data"]["withdrawReferralConsent"]["userErrors"] == []
    kinds = await ConsentDecision.all().order_by("id").values_list("kind", flat=True)
    assert [str(k) for k in kinds] == ["CONSENT", "WITHDRAW"]  # the consent stays as it was
    assert (await ConsentRequest.get()).status == RequestStatus.WITHDRAWN
    assert await HandOver.all().count() == 1
    assert user_errors(again["data"]["handOverReferralCase"]) == [("ALREADY_HANDED_OVER", "caseId")]
    counselor_inbox = await Notification.filter(recipient_id=rw.world.counselor.id).count()
    assert counselor_inbox == 2  # the consent, then the withdrawal


async def test_withdrawal_without_a_consent_is_refused(gql: GraphQLClient) -> None:
    rw = await make_referral_world()
    t = await _tokens(gql, rw)
    req = (await _ask(gql, rw, t["counselor"]))["consentRequest"]

    body = await gql(
        WITHDRAW,
        {"input": {"requestId": req["id"], "typedName": rw.world.parent_a.name}},
        token=t["parent_a"],
    )

    assert user_errors(body["data"]["withdrawReferralConsent"]) == [
        ("NOTHING_TO_WITHDRAW", "requestId")
    ]


async def test_when_the_district_requires_both_guardians_one_consent_is_not_enough(
    gql: GraphQLClient,
) -> None:
    rw = await make_referral_world(both=True)
    father = await make_guardian(rw.world.student_a, await make_user(), Relationship.FATHER)
    t = await _tokens(gql, rw)
    req = (await _ask(gql, rw, t["counselor"]))["consentRequest"]
    case_gid = gid("ReferralCase", rw.case.id)

    await _decide(gql, req["id"], t["parent_a"], rw.world.parent_a.name)
    after_one = await gql(HAND_OVER, {"id": case_gid}, token=t["counselor"])
    status_after_one = (await ConsentRequest.get()).status
    await _decide(gql, req["id"], await gql.token(father.phone), father.name)
    after_both = await gql(HAND_OVER, {"id": case_gid}, token=t["counselor"])

    assert status_after_one == RequestStatus.PENDING
    assert user_errors(after_one["data"]["handOverReferralCase"]) == [
        ("NO_VALID_CONSENT", "caseId")
    ]
    assert after_both["data"]["handOverReferralCase"]["userErrors"] == []
    assert (await ConsentRequest.get()).status == RequestStatus.GRANTED


async def test_one_guardian_suffices_when_the_district_does_not_require_both(
    gql: GraphQLClient,
) -> None:
    rw = await make_referral_world(both=False)
    await make_guardian(rw.world.student_a, await make_user(), Relationship.FATHER)
    t = await _tokens(gql, rw)
    req = (await _ask(gql, rw, t["counselor"]))["consentRequest"]

    await _decide(gql, req["id"], t["parent_a"], rw.world.parent_a.name)

    assert (await ConsentRequest.get()).status == RequestStatus.GRANTED


async def test_a_template_changed_after_the_request_does_not_change_what_was_agreed(
    gql: GraphQLClient,
) -> None:
    rw = await make_referral_world()
    t = await _tokens(gql, rw)
    req = (await _ask(gql, rw, t["counselor"]))["consentRequest"]
    await make_template(rw.world, version=2, body_zh="新版：{hospital}{data_items}{purpose}")

    await _decide(gql, req["id"], t["parent_a"], rw.world.parent_a.name)

    stored = await ConsentRequest.get()
    decision = await ConsentDecision.get()
    assert (stored.text, stored.text_sha256, stored.template_version) == (
        req["text"],
        req["textSha256"],
        1,
    )
    assert (decision.template_version, decision.text_sha256) == (1, req["textSha256"])
    assert "新版" not in stored.text
    assert await ConsentTemplate.filter(district_id=rw.world.district.id).count() == 2


async def test_a_second_request_while_one_is_pending_is_refused(gql: GraphQLClient) -> None:
    rw = await make_referral_world()
    t = await _tokens(gql, rw)
    await _ask(gql, rw, t["counselor"])

    again = await _ask(gql, rw, t["counselor"])

    assert user_errors(again) == [("CONSENT_ALREADY_REQUESTED", "caseId")]
    assert await ConsentRequest.all().count() == 1


async def test_guardian_may_ask_for_a_conversation_first(gql: GraphQLClient) -> None:
    rw = await make_referral_world()
    t = await _tokens(gql, rw)
    req = (await _ask(gql, rw, t["counselor"]))["consentRequest"]

    body = await gql(CONVERSATION, {"id": req["id"]}, token=t["parent_a"])

    assert body["data"]["requestConsentConversation"]["userErrors"] == []
    assert (await ConsentRequest.get()).conversation_requested_at is not None
    assert await Notification.filter(recipient_id=rw.world.counselor.id).count() == 1


async def test_follow_up_return_to_school_and_close_with_an_outcome(
    gql: GraphQLClient, clock: FrozenClock
) -> None:
    rw = await make_referral_world()
    t = await _tokens(gql, rw)
    await _ask(gql, rw, t["counselor"])
    case_gid = gid("ReferralCase", rw.case.id)

    for kind, for_guardians in (("APPOINTMENT", True), ("UPDATE", False)):
        body = await gql(
            FOLLOW_UP,
            {
                "input": {
                    "caseId": case_gid,
                    "kind": kind,
                    "note": "周三下午门诊复诊",
                    "forGuardians": for_guardians,
                    "happensAt": (clock.now() + 2 * DAY).isoformat(),
                }
            },
            token=t["counselor"],
        )
        assert body["data"]["addReferralFollowUp"]["userErrors"] == []
    plan = await gql(
        FOLLOW_UP,
        {
            "input": {
                "caseId": case_gid,
                "kind": "RETURN_TO_SCHOOL_PLAN",
                "note": "下周一起半天到校，逐步恢复",
                "forGuardians": True,
            }
        },
        token=t["counselor"],
    )
    closed = await gql(
        CLOSE,
        {"input": {"caseId": case_gid, "outcome": "RETURNED_TO_SCHOOL", "note": "已复学"}},
        token=t["counselor"],
    )
    after = await gql(
        FOLLOW_UP,
        {"input": {"caseId": case_gid, "kind": "UPDATE", "note": "x"}},
        token=t["counselor"],
    )
    seen_by_parent = await gql(
        "query($id: ID!) { node(id: $id) { ... on ReferralCase { followUps(first: 10) { edges {"
        " node { kind } } } } } }",
        {"id": case_gid},
        token=t["parent_a"],
    )

    assert plan["data"]["addReferralFollowUp"]["userErrors"] == []
    assert closed["data"]["closeReferralCase"]["case"] == {
        "status": "CLOSED",
        "outcome": "RETURNED_TO_SCHOOL",
    }
    assert user_errors(after["data"]["addReferralFollowUp"]) == [("CASE_CLOSED", "caseId")]
    assert await FollowUp.all().count() == 3
    kinds = [e["node"]["kind"] for e in seen_by_parent["data"]["node"]["followUps"]["edges"]]
    assert sorted(kinds) == ["APPOINTMENT", "RETURN_TO_SCHOOL_PLAN"]  # not the internal update
    assert (await ConsentRequest.get()).status == RequestStatus.CANCELLED  # closing ends it
    assert await Job.filter(status=JobStatus.PENDING).count() == 0


async def test_help_lines_are_there_for_anyone_even_signed_out(gql: GraphQLClient) -> None:
    body = await gql("{ helpLines { number name } }")

    numbers = [h["number"] for h in body["data"]["helpLines"]]
    assert numbers == ["120", "110", "12355", "12320", "12356", "96111", "12338", "12345"]

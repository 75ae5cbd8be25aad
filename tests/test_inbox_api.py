"""The inbox, devices, preferences, quiet hours and push consent through GraphQL."""

from __future__ import annotations

from tortoise.transactions import in_transaction

from notifications import NotificationCategory, enqueue
from notifications.models import PushConsent, PushDevice
from tests.client import GraphQLClient
from tests.factories import START, make_user, make_world
from tests.helpers import gid, user_errors

REGISTER = """
mutation Register($input: RegisterDeviceInput!) {
  registerDevice(input: $input) {
    device { platform pushKind appVersion locale }
    pushConsent { granted policyVersion }
    userErrors { code field }
  }
}
"""
INBOX = """
query Inbox($unread: Boolean) { viewer {
  unreadNotificationCount
  notifications(first: 10, unreadOnly: $unread) {
    edges { node { id title body category deepLink isRead } } }
} }
"""
MARK = """
mutation Mark($id: ID!) { markNotificationRead(input: {id: $id}) {
  notification { isRead } unreadCount userErrors { code field } } }
"""


def _device(token: str, consent: bool | None = True) -> dict:
    return {
        "input": {
            "token": token,
            "platform": "ANDROID",
            "pushKind": "HUAWEI",
            "appVersion": "1.4.0",
            "locale": "en-US",
            "pushConsent": consent,
        }
    }


async def _notify(user_ids: list[int], n: int = 1) -> None:
    for i in range(n):
        async with in_transaction():
            await enqueue(
                user_ids,
                NotificationCategory.HOME_VISIT,
                "home_visit.scheduled",
                {"when": f"11月{10 + i}日 19:00"},
                f"homeroom://visits/{i}",
                now=START,
            )


async def test_register_device_records_push_consent(gql: GraphQLClient) -> None:
    user = await make_user()
    token = await gql.token(user.phone)

    body = await gql(REGISTER, _device("fcm-token-1"), token=token)

    result = body["data"]["registerDevice"]
    assert result["userErrors"] == []
    assert result["device"] == {
        "platform": "ANDROID",
        "pushKind": "HUAWEI",
        "appVersion": "1.4.0",
        "locale": "en-US",
    }
    assert result["pushConsent"] == {"granted": True, "policyVersion": "2026-09"}
    consent = await PushConsent.get(user_id=user.id)
    assert consent.device_id == (await PushDevice.get(token="fcm-token-1")).id


async def test_a_token_moves_to_its_new_owner_and_logout_drops_it(gql: GraphQLClient) -> None:
    first, second = await make_user(), await make_user()
    first_token, second_token = await gql.token(first.phone), await gql.token(second.phone)
    await gql(REGISTER, _device("shared-phone"), token=first_token)

    await gql(REGISTER, _device("shared-phone"), token=second_token)
    moved_to = (await PushDevice.get(token="shared-phone")).user_id
    out = await gql(
        "mutation($t: String) { logout(input: {deviceToken: $t}) { ok } }",
        {"t": "shared-phone"},
        token=second_token,
    )

    assert moved_to == second.id
    assert out["data"]["logout"]["ok"] is True
    assert not await PushDevice.exists(token="shared-phone")


async def test_inbox_lists_newest_first_and_marks_read(gql: GraphQLClient) -> None:
    user = await make_user()
    token = await gql.token(user.phone)
    await _notify([user.id], n=3)

    inbox = (await gql(INBOX, token=token))["data"]["viewer"]
    newest = inbox["notifications"]["edges"][0]["node"]
    marked = (await gql(MARK, {"id": newest["id"]}, token=token))["data"]["markNotificationRead"]
    unread = (await gql(INBOX, {"unread": True}, token=token))["data"]["viewer"]
    everything = await gql("mutation { markAllNotificationsRead { unreadCount } }", token=token)

    assert inbox["unreadNotificationCount"] == 3
    assert [e["node"]["deepLink"] for e in inbox["notifications"]["edges"]] == [
        "homeroom://visits/2",
        "homeroom://visits/1",
        "homeroom://visits/0",
    ]
    assert newest["category"] == "HOME_VISIT" and "11月12日" in newest["body"]
    assert marked == {"notification": {"isRead": True}, "unreadCount": 2, "userErrors": []}
    assert len(unread["notifications"]["edges"]) == 2
    assert everything["data"]["markAllNotificationsRead"]["unreadCount"] == 0


async def test_nobody_reads_or_marks_anothers_inbox(gql: GraphQLClient) -> None:
    owner, other = await make_user(), await make_user()
    await _notify([owner.id])
    owner_token, other_token = await gql.token(owner.phone), await gql.token(other.phone)
    notification_id = (await gql(INBOX, token=owner_token))["data"]["viewer"]["notifications"][
        "edges"
    ][0]["node"]["id"]

    seen = await gql(
        "query($id: ID!) { node(id: $id) { id } }", {"id": notification_id}, token=other_token
    )
    marked = (await gql(MARK, {"id": notification_id}, token=other_token))["data"][
        "markNotificationRead"
    ]
    still = (await gql(INBOX, token=owner_token))["data"]["viewer"]["unreadNotificationCount"]

    assert seen["data"]["node"] is None
    assert user_errors(marked) == [("NOT_FOUND", "id")]
    assert still == 1


async def test_preferences_but_not_for_consent_requests(gql: GraphQLClient) -> None:
    user = await make_user()
    token = await gql.token(user.phone)
    query = """mutation($c: NotificationCategory!, $on: Boolean!) {
      setNotificationPreference(input: {category: $c, pushEnabled: $on}) {
        preferences { category pushEnabled canTurnOff } userErrors { code field } } }"""

    off = (await gql(query, {"c": "ANNOUNCEMENT", "on": False}, token=token))["data"]
    refused = (await gql(query, {"c": "CONSENT_REQUEST", "on": False}, token=token))["data"]
    listed = await gql(
        "{ viewer { notificationPreferences { category pushEnabled } } }", token=token
    )

    prefs = {p["category"]: p for p in off["setNotificationPreference"]["preferences"]}
    assert prefs["ANNOUNCEMENT"]["pushEnabled"] is False
    assert prefs["CONSENT_REQUEST"] == {
        "category": "CONSENT_REQUEST",
        "pushEnabled": True,
        "canTurnOff": False,
    }
    assert refused["setNotificationPreference"]["userErrors"] == [
        {"code": "INVALID", "field": "category"}
    ]
    stored = {
        p["category"]: p["pushEnabled"] for p in listed["data"]["viewer"]["notificationPreferences"]
    }
    assert stored["ANNOUNCEMENT"] is False and stored["CONSENT_REQUEST"] is True


async def test_quiet_hours_default_and_change(gql: GraphQLClient) -> None:
    user = await make_user()
    token = await gql.token(user.phone)
    query = """mutation($s: String!, $e: String!) { setQuietHours(input: {start: $s, end: $e}) {
      quietHours { enabled start end timezone } userErrors { code field } } }"""

    default = await gql("{ viewer { quietHours { enabled start end timezone } } }", token=token)
    changed = (await gql(query, {"s": "21:30", "e": "06:45"}, token=token))["data"]["setQuietHours"]
    bad = (await gql(query, {"s": "25:00", "e": "06:45"}, token=token))["data"]["setQuietHours"]

    assert default["data"]["viewer"]["quietHours"] == {
        "enabled": True,
        "start": "22:00",
        "end": "07:00",
        "timezone": "Asia/Shanghai",
    }
    assert changed["quietHours"]["start"] == "21:30" and changed["quietHours"]["end"] == "06:45"
    assert bad["userErrors"] == [{"code": "INVALID", "field": "start"}]


async def test_push_consent_can_be_withdrawn_and_the_record_stays(gql: GraphQLClient) -> None:
    user = await make_user()
    token = await gql.token(user.phone)
    query = """mutation($g: Boolean!) { setPushConsent(input: {granted: $g}) {
      pushConsent { granted withdrawnAt } } }"""

    granted = await gql(query, {"g": True}, token=token)
    withdrawn = await gql(query, {"g": False}, token=token)

    assert granted["data"]["setPushConsent"]["pushConsent"]["granted"] is True
    state = withdrawn["data"]["setPushConsent"]["pushConsent"]
    assert state["granted"] is False and state["withdrawnAt"]
    assert await PushConsent.filter(user_id=user.id).count() == 1


async def test_inbox_page_costs_the_same_queries_for_two_or_twenty(
    gql: GraphQLClient, sql_queries
) -> None:
    small, large = await make_user(), await make_user()
    await _notify([small.id], n=2)
    await _notify([large.id], n=20)
    small_token, large_token = await gql.token(small.phone), await gql.token(large.phone)

    sql_queries.count = 0
    await gql(INBOX, token=small_token)
    small_cost = sql_queries.count
    sql_queries.count = 0
    await gql(INBOX, token=large_token)

    assert sql_queries.count == small_cost


async def test_announcement_reaches_the_class_families_only(gql: GraphQLClient) -> None:
    from core.clock import FrozenClock
    from models.announcements import Announcement
    from notifications.dispatcher import Dispatcher

    world = await make_world()
    teacher = await gql.token(world.teacher_a.phone)
    send = """mutation($c: ID!) { sendAnnouncement(input: {classId: $c, title: "家长会通知",
      body: "本周五下午三点在五年级教室召开家长会，请准时参加。"}) {
      announcement { id title schoolClass { name } } userErrors { code field } } }"""

    sent = (await gql(send, {"c": gid("SchoolClass", world.class_a.id)}, token=teacher))["data"]
    other_class = (await gql(send, {"c": gid("SchoolClass", world.class_b.id)}, token=teacher))[
        "data"
    ]
    while await Dispatcher({}, FrozenClock(START)).expand_once():
        pass
    parent_a = (await gql(INBOX, token=await gql.token(world.parent_a.phone)))["data"]["viewer"]
    parent_b = (await gql(INBOX, token=await gql.token(world.parent_b.phone)))["data"]["viewer"]

    announcement = sent["sendAnnouncement"]["announcement"]
    assert announcement["schoolClass"]["name"] == world.class_a.name
    assert other_class["sendAnnouncement"]["userErrors"] == [
        {"code": "NOT_FOUND", "field": "classId"}
    ]
    [entry] = [e["node"] for e in parent_a["notifications"]["edges"]]
    assert (entry["title"], entry["category"]) == ("家长会通知", "ANNOUNCEMENT")
    row = await Announcement.get(title="家长会通知")
    assert entry["deepLink"] == f"homeroom://announcements/{row.id}"
    assert parent_b["unreadNotificationCount"] == 0


async def test_parents_cannot_send_announcements(gql: GraphQLClient) -> None:
    world = await make_world()
    token = await gql.token(world.parent_a.phone)

    body = await gql(
        """mutation($c: ID!) { sendAnnouncement(input: {classId: $c, title: "x", body: "y"}) {
      userErrors { code } } }""",
        {"c": gid("SchoolClass", world.class_a.id)},
        token=token,
    )

    assert body["data"] is None
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"


async def test_a_refused_registration_records_no_consent(gql: GraphQLClient) -> None:
    user = await make_user()
    token = await gql.token(user.phone)

    body = await gql(REGISTER, _device("   "), token=token)

    assert body["data"]["registerDevice"]["userErrors"] == [{"code": "INVALID", "field": "token"}]
    assert not await PushConsent.exists(user_id=user.id)
    assert not await PushDevice.exists(user_id=user.id)


async def test_answering_no_to_the_push_prompt_withdraws_consent(gql: GraphQLClient) -> None:
    user = await make_user()
    token = await gql.token(user.phone)
    await gql(REGISTER, _device("phone-1", consent=True), token=token)

    body = await gql(REGISTER, _device("phone-1", consent=False), token=token)

    assert body["data"]["registerDevice"]["pushConsent"]["granted"] is False
    assert (await PushConsent.get(user_id=user.id)).withdrawn_at is not None

"""Referral with guardian consent (转介, 绿色通道): a counselor opens a case, the guardians
consent (or not) to the exact text of the district's template in force, and only then is the
case handed to a partner hospital, carrying only what the consent named. Every read, change
and refused attempt is audited (`models.audit`).

Urgent safety situations are outside this flow: `HELP_LINES` are always available to the app.
"""

from __future__ import annotations

import datetime as dt

from models.referrals.access import Caller, ReferralErrorCode, Role, role_on
from models.referrals.tables import (
    CaseOutcome,
    CaseStatus,
    ConcernCategory,
    ConsentDecision,
    ConsentRequest,
    ConsentTemplate,
    DecisionKind,
    FollowUp,
    FollowUpKind,
    HandOver,
    PartnerHospital,
    ReferralCase,
    RequestStatus,
    SharedData,
    Urgency,
)
from notifications import (
    DeliveryProfile,
    NotificationCategory,
    Text,
    register_category,
    register_template,
)

__models__ = [
    PartnerHospital,
    ConsentTemplate,
    ReferralCase,
    ConsentRequest,
    ConsentDecision,
    HandOver,
    FollowUp,
]

# Emergency numbers and help lines, shown by the app whatever the state of any referral.
HELP_LINES: tuple[tuple[str, str, str], ...] = (
    ("120", "急救", "Medical emergency"),
    ("110", "报警", "Police"),
    ("12355", "青少年服务台", "Youth helpline"),
    ("12320", "卫生健康热线", "Health hotline"),
    ("12356", "心理援助热线", "Mental-health helpline"),
    ("96111", "省心理援助热线", "Provincial helpline"),
    ("12338", "妇女维权热线", "Women's helpline"),
    ("12345", "政务服务热线", "Government service hotline"),
)

_DAY = dt.timedelta(days=1)

# Consent requests: mandatory and urgent-capable (a guardian's answer may be needed before care
# can go on). Push faces say only that there is a request, never what it is about.
register_category(
    NotificationCategory.CONSENT_REQUEST,
    profile=DeliveryProfile(high_priority=True, ttl=7 * _DAY, collapse_key=None),
    mandatory=True,
    urgent_capable=True,
)
register_template(
    "consent_request.new",
    NotificationCategory.CONSENT_REQUEST,
    push_title=Text("您有一条新的知情同意请求", "You have a new consent request"),
    push_body=Text("请打开家校共育查看并处理", "Open Homeroom to review it"),
    inbox_title=Text("知情同意请求：{subject}", "Consent request: {subject}"),
    inbox_body=Text("{requester}请您阅读并确认。", "{requester} asks you to read and confirm."),
)
register_template(
    "consent_request.reminder",
    NotificationCategory.CONSENT_REQUEST,
    push_title=Text("您有一条待处理的知情同意请求", "A consent request is waiting for you"),
    push_body=Text("请打开家校共育查看并处理", "Open Homeroom to review it"),
    inbox_title=Text("提醒：知情同意请求待处理", "Reminder: a consent request is waiting"),
    inbox_body=Text(
        "请在有效期内阅读并作出决定，也可以先与心理老师沟通。",
        "Please read and decide before it expires, or ask the counselor to talk first.",
    ),
)
register_category(
    NotificationCategory.REFERRAL_UPDATE,
    profile=DeliveryProfile(high_priority=False, ttl=3 * _DAY, collapse_key="referral"),
)
register_template(
    "referral.updated",
    NotificationCategory.REFERRAL_UPDATE,
    # not even the word "referral" on a lock screen: that alone says something about a child
    push_title=Text("您有一条新消息", "You have a new message"),
    push_body=Text("请打开家校共育查看", "Open Homeroom to see it"),
    inbox_title=Text("转介进展有更新", "Referral update"),
    inbox_body=Text("状态：{status}", "Status: {status}"),
)

# the scheduled jobs register themselves on import
from models.referrals import cases, consent, templates  # noqa: E402

__all__ = [
    "HELP_LINES",
    "Caller",
    "CaseOutcome",
    "CaseStatus",
    "ConcernCategory",
    "ConsentDecision",
    "ConsentRequest",
    "ConsentTemplate",
    "DecisionKind",
    "FollowUp",
    "FollowUpKind",
    "HandOver",
    "PartnerHospital",
    "ReferralCase",
    "ReferralErrorCode",
    "RequestStatus",
    "Role",
    "SharedData",
    "Urgency",
    "cases",
    "consent",
    "role_on",
    "templates",
]

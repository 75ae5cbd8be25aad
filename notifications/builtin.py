"""Registrations held for domains that have no module yet: safety notices.

Each block moves to its domain module when that domain lands, and leaves this file, as
announcements, referrals (consent requests, referral updates), home visits and the parent
school (courses and lessons) already have. Imported by `notifications/__init__.py`, so these
are in place wherever the post room is.
"""

from __future__ import annotations

import datetime as dt

from notifications.categories import DeliveryProfile, NotificationCategory, register_category
from notifications.templates import Text, register_template

_DAY = dt.timedelta(days=1)

# ---------------------------------------------------------------- safety notices (安全提醒)
# Mandatory and urgent-capable.
register_category(
    NotificationCategory.SAFETY,
    profile=DeliveryProfile(high_priority=True, ttl=_DAY, collapse_key=None),
    mandatory=True,
    urgent_capable=True,
)
register_template(
    "safety.alert",
    NotificationCategory.SAFETY,
    push_title=Text("重要安全提醒", "Important safety notice"),
    push_body=Text("请立即打开家校共育查看", "Open Homeroom now"),
    inbox_title=Text("安全提醒：{title}", "Safety notice: {title}"),
    inbox_body=Text("{message}", "{message}"),
)

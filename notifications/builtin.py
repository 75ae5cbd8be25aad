"""Registrations held for domains that have no module yet: home visits, courses and lessons,
safety notices.

Each block moves to its domain module (`models/consent.py`, `models/home_visits.py`,
`models/courses.py`, `models/referrals.py`, …) when that domain lands, and leaves this file;
announcements and referrals (consent requests, referral updates) already register theirs
in `models/announcements.py` and `models/referrals/`. Imported by
`notifications/__init__.py`, so these are in place wherever the post room is.
"""

from __future__ import annotations

import datetime as dt

from notifications.categories import DeliveryProfile, NotificationCategory, register_category
from notifications.templates import Text, register_template

_DAY = dt.timedelta(days=1)

# ---------------------------------------------------------------- courses and lessons (微课)
register_category(
    NotificationCategory.COURSES_AND_LESSONS,
    profile=DeliveryProfile(high_priority=False, ttl=3 * _DAY, collapse_key="courses"),
)
register_template(
    "courses.new_lesson",
    NotificationCategory.COURSES_AND_LESSONS,
    push_title=Text("有新的微课上线", "A new lesson is available"),
    push_body=Text("快来学习吧", "Take a look"),
    inbox_title=Text("新微课：{lesson}", "New lesson: {lesson}"),
    inbox_body=Text(
        "适合您孩子所在学段的新课程已上线。", "A new lesson for your child's age group."
    ),
)

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

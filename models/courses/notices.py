"""What the post room needs to deliver the parent school's notifications: the category's push
profile and its texts (a new micro-lesson, a course published for the parent's children)."""

from __future__ import annotations

import datetime as dt

from notifications import (
    DeliveryProfile,
    NotificationCategory,
    Text,
    register_category,
    register_template,
)

register_category(
    NotificationCategory.COURSES_AND_LESSONS,
    profile=DeliveryProfile(high_priority=False, ttl=dt.timedelta(days=3), collapse_key="courses"),
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

"""Every user-facing notification text, in one place: Simplified Chinese by default, English
for devices whose locale starts with "en".

A template has two faces. The push face is generic and takes no parameters, so nothing about
a student (health, referral, visit) ever leaves through a push channel. The inbox face is read
inside the signed-in app and may use the parameters.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from string import Formatter
from typing import Any

from notifications.models import NotificationCategory as C

ZH = "zh"
EN = "en"


def language_of(locale: str | None) -> str:
    return EN if (locale or "").lower().startswith("en") else ZH


@dataclass(frozen=True, slots=True)
class Text:
    zh: str
    en: str

    def in_language(self, language: str) -> str:
        return self.en if language == EN else self.zh


@dataclass(frozen=True, slots=True)
class Template:
    key: str
    category: C
    push_title: Text
    push_body: Text
    inbox_title: Text
    inbox_body: Text

    @property
    def params(self) -> frozenset[str]:
        """Parameter names the inbox face needs."""
        names: set[str] = set()
        for text in (self.inbox_title, self.inbox_body):
            for s in (text.zh, text.en):
                names.update(name for _, name, _, _ in Formatter().parse(s) if name)
        return frozenset(names)


_T = Text
TEMPLATES: dict[str, Template] = {
    t.key: t
    for t in (
        Template(
            "consent_request.new",
            C.CONSENT_REQUEST,
            _T("您有一条新的知情同意请求", "You have a new consent request"),
            _T("请打开家校共育查看并处理", "Open Homeroom to review it"),
            _T("知情同意请求：{subject}", "Consent request: {subject}"),
            _T("{requester}请您阅读并确认。", "{requester} asks you to read and confirm."),
        ),
        Template(
            "home_visit.scheduled",
            C.HOME_VISIT,
            _T("家访安排有更新", "A home visit has been updated"),
            _T("请打开家校共育查看详情", "Open Homeroom for the details"),
            _T("家访安排", "Home visit"),
            _T("家访时间：{when}", "Home visit: {when}"),
        ),
        Template(
            "courses.new_lesson",
            C.COURSES_AND_LESSONS,
            _T("有新的微课上线", "A new lesson is available"),
            _T("快来学习吧", "Take a look"),
            _T("新微课：{lesson}", "New lesson: {lesson}"),
            _T("适合您孩子所在学段的新课程已上线。", "A new lesson for your child's age group."),
        ),
        Template(
            "referral.updated",
            C.REFERRAL_UPDATE,
            _T("转介进展有更新", "A referral has been updated"),
            _T("请打开家校共育查看", "Open Homeroom to see it"),
            _T("转介进展有更新", "Referral update"),
            _T("状态：{status}", "Status: {status}"),
        ),
        Template(
            "announcement.new",
            C.ANNOUNCEMENT,
            _T("您有一条新的通知公告", "You have a new announcement"),
            _T("请打开家校共育查看", "Open Homeroom to read it"),
            _T("{title}", "{title}"),
            _T("{summary}", "{summary}"),
        ),
        Template(
            "safety.alert",
            C.SAFETY,
            _T("重要安全提醒", "Important safety notice"),
            _T("请立即打开家校共育查看", "Open Homeroom now"),
            _T("安全提醒：{title}", "Safety notice: {title}"),
            _T("{message}", "{message}"),
        ),
    )
}


def template_for(key: str, category: C) -> Template:
    """The template, checked against the category; a mismatch is a programming error."""
    template = TEMPLATES.get(key)
    if template is None:
        raise ValueError(f"unknown notification template {key!r}")
    if template.category != category:
        raise ValueError(f"template {key!r} belongs to {template.category}, not {category}")
    return template


def check_params(template: Template, params: Mapping[str, Any]) -> None:
    missing = template.params - params.keys()
    if missing:
        raise ValueError(f"template {template.key!r} needs params {sorted(missing)}")


def render_push(key: str, locale: str | None) -> tuple[str, str]:
    """Generic title and body for a push: no parameters, by construction."""
    t = TEMPLATES[key]
    language = language_of(locale)
    return t.push_title.in_language(language), t.push_body.in_language(language)


def render_inbox(key: str, params: Mapping[str, Any], locale: str | None = None) -> tuple[str, str]:
    t = TEMPLATES[key]
    language = language_of(locale)
    values = {k: str(v) for k, v in params.items()}
    return (
        t.inbox_title.in_language(language).format_map(values),
        t.inbox_body.in_language(language).format_map(values),
    )

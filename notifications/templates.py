"""User-facing notification texts, registered by the domain that sends them: Simplified
Chinese by default, English for devices whose locale starts with "en".

A template has two faces. The push face is generic and takes no parameters, so nothing about
a student (health, referral, visit) ever leaves through a push channel. The inbox face is read
inside the signed-in app and may use the parameters.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from string import Formatter
from typing import Any

from notifications.categories import NotificationCategory as C

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


# Every registered template by key; filled by `register_template` from the domain modules.
TEMPLATES: dict[str, Template] = {}


def register_template(
    key: str,
    category: C,
    *,
    push_title: Text,
    push_body: Text,
    inbox_title: Text,
    inbox_body: Text,
) -> Template:
    """Called at import by the domain module that sends it. The push face may take no
    parameter: a push says that there is something, never what (nothing about a student
    leaves through a push channel). The same template again is a no-op; another under the
    same key is an error."""
    template = Template(key, C(category), push_title, push_body, inbox_title, inbox_body)
    for text in (push_title, push_body):
        for s in (text.zh, text.en):
            if any(name is not None for _, name, _, _ in Formatter().parse(s)):
                raise ValueError(f"template {key!r}: a push face takes no parameters: {s!r}")
    existing = TEMPLATES.setdefault(key, template)
    if existing != template:
        raise ValueError(f"notification template {key!r} is already registered")
    return template


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

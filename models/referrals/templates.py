"""Consent templates: versions of a district's consent text kept by the district admin, and
the exact text a request shows, rendered from the version in force."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Sequence
from string import Formatter
from typing import Any

from tortoise.transactions import in_transaction

from core.errors import DomainError, ErrorCode
from models.referrals.access import Caller
from models.referrals.tables import (
    SHARED_DATA_LABELS,
    ConsentTemplate,
    PartnerHospital,
    SharedData,
)
from models.schools import School, Student

PLACEHOLDERS = frozenset(
    {"student", "school", "hospital", "hospital_contact", "data_items", "purpose"}
    | {"retention_days", "expires_on"}
)
SHANGHAI = dt.timezone(dt.timedelta(hours=8))  # China keeps no daylight saving
# Said in every consent text whatever the district's template says (PIPL art. 15, 29, 31).
ALWAYS_ZH = (
    "本同意仅针对本次转介单独作出，与平台使用条款无关。您可以随时撤回同意，撤回与同意一样简便；"
    "撤回后学校不再向医院提供任何信息。"
)
ALWAYS_EN = (
    "This consent is given for this referral alone, apart from any terms of use. You may "
    "withdraw it at any time, as easily as you gave it; after that nothing more is shared."
)
MAX_TEXT = 20_000


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def _check_placeholders(body: str, field: str) -> None:
    try:
        names = {name for _, name, _, _ in Formatter().parse(body) if name is not None}
    except ValueError:
        raise DomainError.single(ErrorCode.INVALID, "模板中的花括号不成对", field) from None
    unknown = names - PLACEHOLDERS
    if unknown:
        raise DomainError.single(
            ErrorCode.INVALID, f"未知占位符：{', '.join(sorted(unknown))}", field
        )
    for required in ("hospital", "hospital_contact", "data_items", "purpose", "retention_days"):
        if required not in names:
            raise DomainError.single(ErrorCode.INVALID, f"模板须写明 {{{required}}}", field)


async def publish_template(
    caller: Caller,
    *,
    district_id: int,
    body_zh: str,
    body_en: str,
    requires_both_guardians: bool,
    retention_days: int,
) -> ConsentTemplate:
    """A new version, in force from now; earlier requests keep the text they showed."""
    if district_id not in caller.viewer.admin_district_ids:
        raise DomainError.single(
            ErrorCode.FORBIDDEN, "只有区管理员可以维护知情同意书", "districtId"
        )
    body_zh, body_en = body_zh.strip(), body_en.strip()
    for body, field in ((body_zh, "bodyZh"), (body_en, "bodyEn")):
        if not 1 <= len(body) <= MAX_TEXT:
            raise DomainError.single(ErrorCode.INVALID, "同意书文本不能为空", field)
        _check_placeholders(body, field)
    if not 1 <= retention_days <= 3650:
        raise DomainError.single(ErrorCode.INVALID, "保存期限须为 1 到 3650 天", "retentionDays")
    async with in_transaction():
        latest = await ConsentTemplate.filter(district_id=district_id).order_by("-version").first()
        return await ConsentTemplate.create(
            district_id=district_id,
            version=(latest.version + 1) if latest else 1,
            body_zh=body_zh,
            body_en=body_en,
            requires_both_guardians=requires_both_guardians,
            retention_days=retention_days,
            created_by_id=caller.viewer.user_id,
            created_at=caller.now,
        )


async def template_in_force(district_id: int) -> ConsentTemplate | None:
    return await ConsentTemplate.filter(district_id=district_id).order_by("-version").first()


def render(
    template: ConsentTemplate,
    *,
    student: Student,
    school: School,
    hospital: PartnerHospital,
    items: Sequence[SharedData],
    purpose: str,
    expires_at: dt.datetime,
) -> str:
    """The exact bilingual text a guardian is asked to agree to."""
    expires_on = expires_at.astimezone(SHANGHAI).strftime("%Y-%m-%d %H:%M")
    common: dict[str, Any] = {
        "student": student.name,
        "school": school.name,
        "hospital": hospital.name,
        "hospital_contact": f"{hospital.green_channel_contact} {hospital.green_channel_phone}",
        "purpose": purpose,
        "retention_days": template.retention_days,
        "expires_on": expires_on,
    }
    zh = template.body_zh.format(
        **common, data_items="、".join(SHARED_DATA_LABELS[i][0] for i in items)
    )
    en = template.body_en.format(
        **common, data_items=", ".join(SHARED_DATA_LABELS[i][1] for i in items)
    )
    return (
        f"{zh}\n{ALWAYS_ZH}\n\n{en}\n{ALWAYS_EN}\n\n(知情同意书版本 / version {template.version})"
    )

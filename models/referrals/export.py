"""A consent record, exported: as a JSON document signed with the server's key (a JWS,
HS256) and as a PDF, both showing the text agreed to, its version and hash, and the decisions.

The PDF's Chinese needs a CJK font: WenQuanYi Micro Hei, which `make install` puts in place
(Debian's fonts-wqy-microhei); `HOMEROOM_CJK_FONT` names another file.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path
from typing import Any

import jwt
from fpdf import FPDF

from core.errors import DomainError, ErrorCode
from models.referrals.access import Caller, audited, role_on
from models.referrals.tables import (
    ConsentDecision,
    ConsentRequest,
    PartnerHospital,
    ReferralCase,
    SharedData,
)

FONT_PATHS = (
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
)
SHANGHAI = dt.timezone(dt.timedelta(hours=8))
JWS_ALGORITHM = "HS256"
JWS_TYPE = "homeroom-consent-record"


def cjk_font() -> Path:
    candidates = [os.environ.get("HOMEROOM_CJK_FONT") or "", *FONT_PATHS]
    for candidate in candidates:
        if candidate and Path(candidate).is_file():
            return Path(candidate)
    raise RuntimeError(
        "no CJK font for the consent PDF: run `make install` (installs fonts-wqy-microhei) "
        "or set HOMEROOM_CJK_FONT"
    )


def _local(at: dt.datetime) -> str:
    return at.astimezone(SHANGHAI).isoformat(timespec="seconds")


async def consent_record(request: ConsentRequest) -> dict[str, Any]:
    """The record as a plain document (what is signed and printed)."""
    case = await ReferralCase.get(id=request.case_id)
    hospital = await PartnerHospital.get(id=case.hospital_id)
    decisions = await ConsentDecision.filter(request_id=request.id).order_by("id")
    return {
        "type": JWS_TYPE,
        "consentRequestId": request.id,
        "referralCaseId": case.id,
        "hospital": {"name": hospital.name, "greenChannel": hospital.green_channel_phone},
        "templateVersion": request.template_version,
        "text": request.text,
        "textSha256": request.text_sha256,
        "sharedData": [SharedData(i).value for i in request.shared_data],
        "requestedAt": _local(request.created_at),
        "expiresAt": _local(request.expires_at),
        "status": request.status.value,
        "decisions": [
            {
                "decision": d.kind.value,
                "relationship": d.relationship,
                "typedName": d.typed_name,
                "decidedAt": _local(d.decided_at),
                "device": d.device,
                "templateVersion": d.template_version,
                "textSha256": d.text_sha256,
                "reason": d.reason,
            }
            for d in decisions
        ],
    }


def sign(record: dict[str, Any], key: str, now: dt.datetime) -> str:
    """A compact JWS of the record; anyone holding the key can check it with PyJWT."""
    claims = {**record, "iat": int(now.timestamp())}
    return jwt.encode(claims, key, algorithm=JWS_ALGORITHM, headers={"typ": JWS_TYPE})


def verify_signed(token: str, key: str) -> dict[str, Any]:
    return jwt.decode(token, key, algorithms=[JWS_ALGORITHM], options={"verify_iat": False})


_DECISION_ZH = {"CONSENT": "同意", "DECLINE": "不同意", "WITHDRAW": "撤回同意"}


def pdf(record: dict[str, Any]) -> bytes:
    doc = FPDF(format="A4")
    doc.set_margins(18, 18, 18)
    doc.add_page()
    doc.add_font("cjk", "", str(cjk_font()))
    doc.set_font("cjk", size=16)
    doc.multi_cell(
        0, 10, "转介知情同意记录 / Referral consent record", new_x="LMARGIN", new_y="NEXT"
    )
    doc.set_font("cjk", size=10)
    lines = [
        f"同意书版本 / Template version: {record['templateVersion']}",
        f"文本哈希 / Text SHA-256: {record['textSha256']}",
        f"定点医院 / Hospital: {record['hospital']['name']}",
        f"请求时间 / Requested: {record['requestedAt']}",
        f"有效期至 / Expires: {record['expiresAt']}",
        f"状态 / Status: {record['status']}",
    ]
    for line in lines:
        doc.multi_cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
    doc.ln(4)
    doc.set_font("cjk", size=11)
    doc.multi_cell(0, 6, record["text"], new_x="LMARGIN", new_y="NEXT")
    doc.ln(4)
    doc.set_font("cjk", size=10)
    doc.multi_cell(0, 6, "决定 / Decisions:", new_x="LMARGIN", new_y="NEXT")
    for d in record["decisions"]:
        text = (
            f"{d['decidedAt']}  {_DECISION_ZH[d['decision']]} / {d['decision']}  "
            f"{d['relationship']}  确认签名 / typed name: {d['typedName']}  "
            f"版本 {d['templateVersion']}  哈希 {d['textSha256'][:16]}…  设备 {d['device']}"
        )
        doc.multi_cell(0, 6, text, new_x="LMARGIN", new_y="NEXT")
    return bytes(doc.output())


async def export_consent_record(
    caller: Caller, *, request_id: int, key: str
) -> tuple[dict[str, Any], str, bytes]:
    """For the school's counselor and the student's guardians: the record, its JWS and PDF."""
    found = await ConsentRequest.get_or_none(id=request_id)

    async def work() -> tuple[tuple[dict[str, Any], str, bytes], ReferralCase]:
        request = await ConsentRequest.visible_to(caller.viewer).get_or_none(id=request_id)
        if request is None:
            raise DomainError.single(ErrorCode.NOT_FOUND, "找不到该知情同意请求", "requestId")
        case = await ReferralCase.get(id=request.case_id)
        if role_on(caller.viewer, case).value not in ("GUARDIAN", "COUNSELOR"):
            raise DomainError.single(ErrorCode.FORBIDDEN, "无权导出", "requestId")
        record = await consent_record(request)
        return (record, sign(record, key, caller.now), pdf(record)), case

    case_id = found.case_id if found else None
    return await audited(caller, "consent.export", case_id, ["consentRecord"], work)


def canonical_json(record: dict[str, Any]) -> str:
    return json.dumps(record, ensure_ascii=False, sort_keys=True, indent=2)

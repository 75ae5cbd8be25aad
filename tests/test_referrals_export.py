"""Consent-record exports (a JWS under the server's key and a PDF with the Chinese text), and
what the district admin keeps: partner hospitals and consent template versions."""

from __future__ import annotations

import base64
import io
import json

import jwt
from pypdf import PdfReader

from models.audit import AuditEvent
from models.referrals import ConsentTemplate, PartnerHospital
from server.settings import Settings
from tests.client import GraphQLClient
from tests.helpers import gid, user_errors
from tests.test_referrals import _ask, _decide, _tokens
from tests.test_referrals_world import TEMPLATE_EN, TEMPLATE_ZH, make_referral_world

EXPORT = "query($r: ID!) { exportConsentRecord(requestId: $r) { json jws pdfBase64 } }"


async def test_a_guardian_exports_the_consent_record_as_signed_json_and_a_chinese_pdf(
    gql: GraphQLClient, settings: Settings
) -> None:
    rw = await make_referral_world()
    t = await _tokens(gql, rw)
    req = (await _ask(gql, rw, t["counselor"]))["consentRequest"]
    await _decide(gql, req["id"], t["parent_a"], rw.world.parent_a.name)

    body = await gql(EXPORT, {"r": req["id"]}, token=t["parent_a"])

    export = body["data"]["exportConsentRecord"]
    record = json.loads(export["json"])
    assert (record["text"], record["textSha256"], record["templateVersion"]) == (
        req["text"],
        req["textSha256"],
        1,
    )
    assert [d["decision"] for d in record["decisions"]] == ["CONSENT"]
    signed = jwt.decode(export["jws"], settings.signing_key, algorithms=["HS256"])
    assert signed["textSha256"] == req["textSha256"]
    assert signed["decisions"][0]["typedName"] == rw.world.parent_a.name
    pdf = PdfReader(io.BytesIO(base64.b64decode(export["pdfBase64"])))
    text = "".join(page.extract_text() for page in pdf.pages).replace("\n", "")
    assert "转介知情同意记录" in text
    assert rw.world.student_a.name in text and "青禾区精神卫生中心" in text
    assert req["textSha256"] in text
    assert await AuditEvent.filter(action="consent.export").count() == 1


async def test_a_forged_record_does_not_verify(gql: GraphQLClient, settings: Settings) -> None:
    rw = await make_referral_world()
    t = await _tokens(gql, rw)
    req = (await _ask(gql, rw, t["counselor"]))["consentRequest"]
    body = await gql(EXPORT, {"r": req["id"]}, token=t["counselor"])
    header, payload, signature = body["data"]["exportConsentRecord"]["jws"].split(".")
    claims = json.loads(base64.urlsafe_b64decode(payload + "=="))
    claims["status"] = "GRANTED"
    forged_payload = base64.urlsafe_b64encode(json.dumps(claims).encode()).rstrip(b"=").decode()

    try:
        jwt.decode(f"{header}.{forged_payload}.{signature}", settings.signing_key, ["HS256"])
        verified = True
    except jwt.InvalidSignatureError:
        verified = False

    assert verified is False


async def test_nobody_else_can_export_a_consent_record(gql: GraphQLClient) -> None:
    rw = await make_referral_world()
    t = await _tokens(gql, rw)
    req = (await _ask(gql, rw, t["counselor"]))["consentRequest"]

    answers = [await gql(EXPORT, {"r": req["id"]}, token=t[w]) for w in ("parent_b", "teacher_a")]

    assert [a["data"]["exportConsentRecord"] for a in answers] == [None, None]
    assert await AuditEvent.filter(action="consent.export").count() == 2  # both denied


PUBLISH = """
mutation($input: PublishConsentTemplateInput!) { publishConsentTemplate(input: $input) {
  template { version } userErrors { code field message } } }"""
ADD_HOSPITAL = """
mutation($input: AddPartnerHospitalInput!) { addPartnerHospital(input: $input) {
  hospital { name greenChannelPhone } userErrors { code field message } } }"""


async def test_the_district_admin_publishes_new_template_versions(gql: GraphQLClient) -> None:
    rw = await make_referral_world()
    token = await gql.token(rw.world.district_admin.phone)
    district = gid("District", rw.world.district.id)

    good = await gql(
        PUBLISH,
        {"input": {"districtId": district, "bodyZh": TEMPLATE_ZH, "bodyEn": TEMPLATE_EN}},
        token=token,
    )
    unknown = await gql(
        PUBLISH,
        {
            "input": {
                "districtId": district,
                "bodyZh": "{hospital}{data_items}{purpose}{x}",
                "bodyEn": TEMPLATE_EN,
            }
        },
        token=token,
    )
    missing = await gql(
        PUBLISH,
        {"input": {"districtId": district, "bodyZh": TEMPLATE_ZH, "bodyEn": "no hospital"}},
        token=token,
    )

    assert good["data"]["publishConsentTemplate"]["template"] == {"version": 2}
    assert user_errors(unknown["data"]["publishConsentTemplate"]) == [("INVALID", "bodyZh")]
    assert user_errors(missing["data"]["publishConsentTemplate"]) == [("INVALID", "bodyEn")]
    versions = await ConsentTemplate.filter(district_id=rw.world.district.id).values_list(
        "version", flat=True
    )
    assert sorted(versions) == [1, 2]


async def test_the_district_admin_adds_a_partner_hospital_of_their_district_only(
    gql: GraphQLClient,
) -> None:
    rw = await make_referral_world()
    token = await gql.token(rw.world.district_admin.phone)
    hospital = {
        "name": "青禾区人民医院",
        "greenChannelContact": "心理科",
        "greenChannelPhone": "120",
    }

    mine = await gql(
        ADD_HOSPITAL,
        {"input": {"districtId": gid("District", rw.world.district.id), **hospital}},
        token=token,
    )
    other = await gql(
        ADD_HOSPITAL,
        {"input": {"districtId": gid("District", rw.world.other_school.district_id), **hospital}},
        token=token,
    )

    assert mine["data"]["addPartnerHospital"]["hospital"]["name"] == "青禾区人民医院"
    assert user_errors(other["data"]["addPartnerHospital"]) == [("FORBIDDEN", "districtId")]
    assert await PartnerHospital.filter(name="青禾区人民医院").count() == 1

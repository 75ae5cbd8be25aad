"""Demo referral (转介) for 青禾区: two partner hospitals with their green channels, the
district's consent template in force, and one open case at 青禾区实验小学 for the demo
parent's child, with a consent request waiting for the parent (13800000001)."""

from __future__ import annotations

import datetime as dt

from models.referrals import (
    ConcernCategory,
    ConsentTemplate,
    PartnerHospital,
    SharedData,
    Urgency,
)
from models.referrals.access import Caller
from models.referrals.cases import open_case
from models.referrals.consent import request_consent
from models.schools import School, Student
from models.viewer import load_viewer

CONSENT_ZH = (
    "转介知情同意书\n"
    "尊敬的家长：经{school}心理教师评估，建议将您的孩子{student}转介至{hospital}"
    "（绿色通道：{hospital_contact}），目的：{purpose}。\n"
    "学校将仅向医院提供以下信息：{data_items}。医院仅将这些信息用于本次评估与诊疗，"
    "保存期限为 {retention_days} 天，期满后删除。\n"
    "本同意仅针对本次转介，与平台使用条款无关。您可以随时撤回同意，撤回与同意一样简便；"
    "撤回后学校不再向医院提供任何信息。您也可以先与心理老师沟通再作决定。\n"
    "本请求有效期至 {expires_on}。"
)
CONSENT_EN = (
    "Referral consent\n"
    "Dear parent: after an assessment by the counselor of {school}, we suggest referring your "
    "child {student} to {hospital} (green channel: {hospital_contact}) for {purpose}.\n"
    "The school will share only: {data_items}. The hospital uses it only for this assessment "
    "and treatment and keeps it for {retention_days} days.\n"
    "This consent is for this referral alone, apart from any terms of use. You may withdraw it "
    "at any time, as easily as you gave it; after that nothing more is shared. You may also ask "
    "to talk with the counselor first.\n"
    "This request is open until {expires_on}."
)


async def seed_referrals(
    *,
    district_id: int,
    counselor_id: int,
    district_admin_id: int,
    parent_id: int,
    now: dt.datetime,
) -> None:
    """Inside the demo's transaction; the case and the request go through the domain's own
    operations, so the audit log, the reminders and the parent's inbox entry are real."""
    hospital = await PartnerHospital.create(
        district_id=district_id,
        name="青禾区精神卫生中心",
        green_channel_contact="儿童青少年心理门诊（绿色通道）",
        green_channel_phone="0571-8765 4321",
        address="青禾区康宁路 18 号",
        created_at=now,
    )
    await PartnerHospital.create(
        district_id=district_id,
        name="青禾区人民医院",
        green_channel_contact="心理科转介窗口",
        green_channel_phone="0571-8765 1200",
        address="青禾区人民路 1 号",
        created_at=now,
    )
    await ConsentTemplate.create(
        district_id=district_id,
        version=1,
        body_zh=CONSENT_ZH,
        body_en=CONSENT_EN,
        requires_both_guardians=False,
        retention_days=180,
        created_by_id=district_admin_id,
        created_at=now,
    )
    school = await School.get(district_id=district_id, name="青禾区实验小学")
    child = await Student.get(school_id=school.id, guardianships__guardian_id=parent_id)
    counselor = Caller(await load_viewer(counselor_id), now, "demo", "demo")
    case = await open_case(
        counselor,
        student_id=child.id,
        hospital_id=hospital.id,
        concern_category=ConcernCategory.ANXIETY,
        assessment="近一个月入睡困难，课堂上多次情绪失控；心理筛查焦虑量表得分偏高，"
        "已在校内辅导三次，建议专业评估。",
        urgency=Urgency.PRIORITY,
        summary_for_hospital="近一个月睡眠差、情绪波动明显，校内辅导三次后仍未缓解，建议专业评估。",
    )
    await request_consent(
        counselor,
        case_id=case.id,
        purpose="专业心理评估，必要时进行治疗",
        shared_data=[
            SharedData.STUDENT_NAME,
            SharedData.GENDER,
            SharedData.BIRTH_DATE,
            SharedData.SCHOOL_AND_CLASS,
            SharedData.SUMMARY_FOR_HOSPITAL,
            SharedData.GUARDIAN_CONTACT,
        ],
    )

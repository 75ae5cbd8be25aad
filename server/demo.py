"""Demo data: a believable district with two schools, in Chinese. Loaded only into an empty
database, so running it twice changes nothing."""

from __future__ import annotations

import datetime as dt
import random

from tortoise.transactions import in_transaction

from models.accounts import (
    PasswordHashProfile,
    PolicyAgreement,
    PolicyDocument,
    User,
    hash_password,
)
from models.schools import (
    District,
    Gender,
    Guardianship,
    Relationship,
    School,
    SchoolClass,
    SchoolYear,
    StaffAssignment,
    StaffRole,
    Student,
    Term,
    age_band_for_grade,
)
from server.demo_courses import seed_courses
from server.demo_home_visits import seed_home_visits
from server.demo_live_sessions import seed_live_sessions
from server.demo_referrals import seed_referrals

DEMO_PASSWORD = "homeroom-demo"
DEMO_LOGINS = {
    "PARENT": "13800000001",
    "CLASS_TEACHER": "13800000002",
    "COUNSELOR": "13800000003",
    "LECTURER": "13800000004",
    "SCHOOL_ADMIN": "13800000005",
    "DISTRICT_ADMIN": "13800000006",
}

_SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高"
_GIVEN = [
    "子涵",
    "欣怡",
    "梓萱",
    "浩宇",
    "宇轩",
    "一诺",
    "雨桐",
    "俊熙",
    "思远",
    "语嫣",
    "天佑",
    "若汐",
    "明轩",
    "诗琪",
    "嘉怡",
    "博文",
    "可馨",
    "泽楷",
    "依诺",
    "皓然",
]
_ADULT_GIVEN = ["建国", "丽华", "志强", "秀英", "海燕", "伟", "芳", "军", "静", "敏", "磊", "婷"]

_DEMO_PARENT_CLASSES = ("五年级2班", "初一3班")
# (school, [(class name, grade), ...])
_SCHOOLS = [
    ("青禾区实验小学", [("二年级1班", 2), ("五年级2班", 5)]),
    ("青禾区第一中学", [("初一3班", 7), ("高一1班", 10)]),
]


def school_year_for(today: dt.date) -> tuple[str, dt.date, dt.date]:
    start = today.year if today.month >= 9 else today.year - 1
    return f"{start}-{start + 1}", dt.date(start, 9, 1), dt.date(start + 1, 8, 31)


def _phone(n: int) -> str:
    return f"+86139{n:08d}"


async def seed_demo(now: dt.datetime, policy_version: str, child_consent_version: str) -> bool:
    """True when it loaded the data, False when the database already had some."""
    if await District.exists():
        return False
    rng = random.Random(20261124)  # the same demo every time
    # a demo is a real deployment's first accounts: never a test profile's cheap hash
    password_hash = hash_password(DEMO_PASSWORD, PasswordHashProfile.PRODUCTION)
    today = now.date()
    async with in_transaction():
        name, starts, ends = school_year_for(today)
        year = await SchoolYear.create(name=name, starts_on=starts, ends_on=ends)
        await Term.create(
            school_year=year,
            name="第一学期",
            starts_on=starts,
            ends_on=dt.date(starts.year + 1, 1, 31),
        )
        await Term.create(
            school_year=year,
            name="第二学期",
            starts_on=dt.date(starts.year + 1, 2, 1),
            ends_on=ends,
        )
        district = await District.create(name="青禾区")

        async def demo_user(role: str, name: str) -> User:
            user = await User.create(
                phone=f"+86{DEMO_LOGINS[role]}",
                name=name,
                password_hash=password_hash,
                created_at=now,
            )
            await PolicyAgreement.create(
                user=user,
                document=PolicyDocument.PRIVACY_POLICY,
                version=policy_version,
                agreed_at=now,
            )
            return user

        parent = await demo_user("PARENT", "林秀英")
        teacher = await demo_user("CLASS_TEACHER", "陈老师")
        counselor = await demo_user("COUNSELOR", "周心怡（心理教师）")
        lecturer = await demo_user("LECTURER", "黄明（家庭教育讲师）")
        school_admin = await demo_user("SCHOOL_ADMIN", "赵校长")
        district_admin = await demo_user("DISTRICT_ADMIN", "吴主任（区教育局）")
        await StaffAssignment.create(user=lecturer, role=StaffRole.LECTURER, district=district)
        await StaffAssignment.create(
            user=district_admin, role=StaffRole.DISTRICT_ADMIN, district=district
        )

        phone_no = 0
        student_no = 0
        for index, (school_name, classes) in enumerate(_SCHOOLS):
            school = await School.create(district=district, name=school_name)
            if index == 0:
                await StaffAssignment.create(
                    user=counselor, role=StaffRole.COUNSELOR, school=school
                )
                await StaffAssignment.create(
                    user=school_admin, role=StaffRole.SCHOOL_ADMIN, school=school
                )
            for class_name, grade in classes:
                klass = await SchoolClass.create(
                    school=school,
                    school_year=year,
                    name=class_name,
                    grade=grade,
                    age_band=age_band_for_grade(grade),
                )
                if class_name == "五年级2班":
                    await StaffAssignment.create(
                        user=teacher, role=StaffRole.CLASS_TEACHER, school_class=klass
                    )
                else:
                    phone_no += 1
                    other = await User.create(
                        phone=_phone(phone_no),
                        name=f"{_SURNAMES[phone_no % len(_SURNAMES)]}老师",
                        created_at=now,
                    )
                    await StaffAssignment.create(
                        user=other, role=StaffRole.CLASS_TEACHER, school_class=klass
                    )
                for seat in range(8):
                    student_no += 1
                    surname = rng.choice(_SURNAMES)
                    age = grade + 6
                    student = await Student.create(
                        school=school,
                        school_class=klass,
                        student_no=f"2026{student_no:04d}",
                        name=surname + rng.choice(_GIVEN),
                        gender=rng.choice(list(Gender)),
                        birth_date=dt.date(
                            today.year - age, rng.randint(1, 12), rng.randint(1, 28)
                        ),
                    )
                    # The demo parent has a child in each school: 五年级2班 and 初一3班.
                    if seat == 0 and class_name in _DEMO_PARENT_CLASSES:
                        mother = parent
                        await PolicyAgreement.create(
                            user=parent,
                            document=PolicyDocument.CHILD_DATA_CONSENT,
                            version=child_consent_version,
                            student=student,
                            agreed_at=now,
                        )
                    else:
                        phone_no += 1
                        mother = await User.create(
                            phone=_phone(phone_no),
                            name=rng.choice(_SURNAMES) + rng.choice(_ADULT_GIVEN),
                            created_at=now,
                        )
                    await Guardianship.create(
                        student=student,
                        guardian=mother,
                        relationship=Relationship.MOTHER,
                        created_at=now,
                    )
                    if rng.random() < 0.6:
                        phone_no += 1
                        father = await User.create(
                            phone=_phone(phone_no),
                            name=surname + rng.choice(_ADULT_GIVEN),
                            created_at=now,
                        )
                        await Guardianship.create(
                            student=student,
                            guardian=father,
                            relationship=Relationship.FATHER,
                            created_at=now,
                        )
        await seed_courses(
            district=district,
            lecturer_id=lecturer.id,
            district_admin_id=district_admin.id,
            now=now,
        )
        await seed_live_sessions(lecturer_id=lecturer.id, parent_id=parent.id, now=now)
        await seed_home_visits(
            district_id=district.id,
            teacher_id=teacher.id,
            counselor_id=counselor.id,
            parent_id=parent.id,
            now=now,
        )
        await seed_referrals(
            district_id=district.id,
            counselor_id=counselor.id,
            district_admin_id=district_admin.id,
            parent_id=parent.id,
            now=now,
        )
    return True

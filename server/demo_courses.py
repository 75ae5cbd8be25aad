"""Demo data of the parent school: published courses of the district's lecturer group and a
micro-lesson series for each age band of the demo district (the back catalogue released over
the past weeks, one lesson scheduled for next week), so the demo parent's feed is full.

Courses go through the real workflow (written, submitted, approved); the back catalogue of
micro-lessons is written as released rows without a push each (a demo should not ring a phone
for last month's lessons); the scheduled one is created like a lecturer does, with its job."""

from __future__ import annotations

import datetime as dt

from models.courses import AudienceScope, CourseSeries, CourseTopic, Lesson, LessonKind
from models.courses.workflow import (
    CourseFields,
    LessonContent,
    add_lesson,
    approve_course,
    checked_content,
    create_course,
    submit_course,
)
from models.feed import MicroLesson, MicroLessonTarget, create_micro_lesson
from models.schools import AgeBand, District
from models.viewer import load_viewer

MEDIA = "/media/demo"
T = CourseTopic

_COURSES: list[tuple[CourseFields, list[LessonContent]]] = [
    (
        CourseFields(
            title="如何与青春期孩子沟通",
            summary="孩子进入青春期，话变少了，门关上了。三讲内容帮助家长读懂青春期的心理变化，"
            "学会倾听与表达，在尊重中守住边界。",
            presenter="黄明（区家庭教育讲师团）",
            series=CourseSeries.MASTER_CLASS,
            topics=[T.COMMUNICATION, T.ADOLESCENCE],
            age_bands=[AgeBand.JUNIOR_HIGH, AgeBand.SENIOR_HIGH],
            audience_scope=AudienceScope.DISTRICT,
            cover_url=f"{MEDIA}/covers/qingchunqi.jpg",
        ),
        [
            LessonContent(
                "第一讲：青春期的大脑在发生什么",
                LessonKind.VIDEO,
                f"{MEDIA}/qingchunqi-1.mp4",
                1260,
            ),
            LessonContent(
                "第二讲：倾听比说教更有力量", LessonKind.VIDEO, f"{MEDIA}/qingchunqi-2.mp4", 1380
            ),
            LessonContent(
                "第三讲：冲突之后，如何修复关系",
                LessonKind.VIDEO,
                f"{MEDIA}/qingchunqi-3.mp4",
                1140,
            ),
        ],
    ),
    (
        CourseFields(
            title="识别孩子的心理求救信号",
            summary="情绪低落、睡眠变化、不愿上学……哪些表现需要家长重视？什么时候该寻求学校"
            "心理老师和专业机构的帮助？附全国心理援助热线 12356。",
            presenter="周心怡（青禾区实验小学心理教师）",
            series=CourseSeries.MICRO_CLASS,
            topics=[T.PSYCHOLOGICAL_PROBLEMS, T.EMOTION_AND_STRESS],
            age_bands=list(AgeBand),
            audience_scope=AudienceScope.DISTRICT,
            cover_url=f"{MEDIA}/covers/xinhao.jpg",
        ),
        [
            LessonContent("这些变化，家长要留心", LessonKind.AUDIO, f"{MEDIA}/xinhao-1.m4a", 720),
            LessonContent(
                "求助清单：学校、医院与热线",
                LessonKind.ARTICLE,
                body="## 先和孩子谈一谈\n\n用平静的语气说出你看到的变化，"
                "先听，不急着评价。\n\n## 联系学校\n\n班主任和心理老师可以一起了解孩子"
                "在校的情况。\n\n## 专业帮助\n\n- 心理援助热线：12356\n- 青少年服务台：12355\n",
            ),
        ],
    ),
    (
        CourseFields(
            title="走出“作业焦虑”",
            summary="每天晚上的作业时间成了亲子战争？从时间管理、情绪调节到家校配合，"
            "陪孩子找回学习的节奏。",
            presenter="黄明（区家庭教育讲师团）",
            series=CourseSeries.ENERGY_CLASS,
            topics=[T.STUDY_PRESSURE, T.FAMILY_CONFLICT],
            age_bands=[AgeBand.PRIMARY_LOWER, AgeBand.PRIMARY_UPPER],
            audience_scope=AudienceScope.DISTRICT,
            cover_url=f"{MEDIA}/covers/zuoye.jpg",
        ),
        [
            LessonContent("作业时间的三个约定", LessonKind.VIDEO, f"{MEDIA}/zuoye-1.mp4", 900),
            LessonContent(
                "孩子拖拉时，家长先稳住自己", LessonKind.VIDEO, f"{MEDIA}/zuoye-2.mp4", 840
            ),
        ],
    ),
]

# a series per age band of the demo district: (band, series, [titles, oldest first])
_SERIES: list[tuple[AgeBand, str, list[str]]] = [
    (
        AgeBand.PRIMARY_LOWER,
        "幼小衔接·陪伴成长",
        [
            "入学第一个月：帮孩子建立作息",
            "孩子说“不想上学”时",
            "和老师沟通的三个小技巧",
        ],
    ),
    (
        AgeBand.PRIMARY_UPPER,
        "24 堂暖心微课",
        [
            "第1课：每天十分钟的高质量陪伴",
            "第2课：孩子发脾气，先接住情绪",
            "第3课：孩子说谎了怎么办",
            "第4课：手机约定怎么定",
        ],
    ),
    (
        AgeBand.JUNIOR_HIGH,
        "青春期家长必修",
        [
            "孩子关上房门以后",
            "成绩起伏时，家长说什么",
            "网络游戏：堵不如疏",
        ],
    ),
    (
        AgeBand.SENIOR_HIGH,
        "高中生的学业与情绪",
        [
            "选科焦虑：陪孩子做决定",
            "考试前的睡眠与情绪",
            "当孩子说“我很累”",
        ],
    ),
]


async def seed_courses(
    *, district: District, lecturer_id: int, district_admin_id: int, now: dt.datetime
) -> None:
    """Inside the demo's transaction."""
    lecturer = await load_viewer(lecturer_id)
    admin = await load_viewer(district_admin_id)
    for index, (fields, lessons) in enumerate(_COURSES):
        at = now - dt.timedelta(days=30 - 7 * index)
        course = await create_course(viewer=lecturer, fields=fields, now=at)
        for lesson in lessons:
            await add_lesson(viewer=lecturer, course_id=course.id, content=lesson, now=at)
        await submit_course(viewer=lecturer, course_id=course.id, now=at)
        await approve_course(viewer=admin, course_id=course.id, now=at + dt.timedelta(days=1))
    week = dt.timedelta(days=7)
    for band_index, (band, series, titles) in enumerate(_SERIES):
        scheduled = titles[-1] if band == AgeBand.PRIMARY_UPPER else None
        for episode, title in enumerate(titles, start=1):
            content = LessonContent(
                title, LessonKind.VIDEO, f"{MEDIA}/micro-{band_index}-{episode}.mp4", 300
            )
            if title == scheduled:  # next week, like a lecturer schedules it: a job and a push
                await create_micro_lesson(
                    viewer=lecturer,
                    content=content,
                    now=now,
                    series=series,
                    episode=episode,
                    age_bands=[band],
                    release_at=now + week,
                )
                continue
            released = now - (len(titles) - episode) * week - dt.timedelta(hours=band_index)
            row = await Lesson.create(
                author_id=lecturer_id,
                created_at=released,
                updated_at=released,
                **checked_content(content),
            )
            micro = await MicroLesson.create(
                lesson_id=row.id,
                author_id=lecturer_id,
                district_id=district.id,
                series=series,
                episode=episode,
                release_at=released,
                released_at=released,
                created_at=released,
            )
            await MicroLessonTarget.create(
                micro_lesson_id=micro.id, district_id=district.id, age_band=band
            )

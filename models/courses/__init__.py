"""The parent school (家长学校): courses that lecturers write and district admins review, their
lessons (video, audio, article), enrolment, progress and learning hours.

Split by job: `tables` (the rows and who sees them), `workflow` (writing and review),
`progress` (reports and learning time), `catalog` (browse and search), `reports` (figures),
`notices` (the notification category and texts this domain sends).
"""

from models.courses import notices  # noqa: F401  (registers the category and its texts)
from models.courses.media_access import (
    is_released_media,
    media_visible_to,
    register_released_lessons,
)
from models.courses.tables import (
    AudienceScope,
    Course,
    CourseErrorCode,
    CourseSeries,
    CourseStatus,
    CourseTag,
    CourseTopic,
    Enrolment,
    LearningTime,
    Lesson,
    LessonKind,
    LessonProgress,
    register_lesson_scope,
)

__all__ = [
    "AudienceScope",
    "Course",
    "CourseErrorCode",
    "CourseSeries",
    "CourseStatus",
    "CourseTag",
    "CourseTopic",
    "Enrolment",
    "LearningTime",
    "Lesson",
    "LessonKind",
    "LessonProgress",
    "is_released_media",
    "media_visible_to",
    "register_lesson_scope",
    "register_released_lessons",
]

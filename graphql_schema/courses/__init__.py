"""The parent school: courses, lessons, the catalog, progress and figures."""

from graphql_schema.composition import DomainSchema
from graphql_schema.courses.mutations import CourseMutations
from graphql_schema.courses.queries import CourseQueries, CourseViewerFields
from graphql_schema.courses.types import (
    Course,
    Lesson,
    LessonProgress,
    progress_loader,
    progress_node,
)

SCHEMA = DomainSchema(queries=CourseQueries, mutations=CourseMutations, viewer=CourseViewerFields)

__all__ = [
    "SCHEMA",
    "Course",
    "Lesson",
    "LessonProgress",
    "progress_loader",
    "progress_node",
]

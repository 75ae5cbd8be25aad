"""Root-field permissions. Object-level scoping is the models' `visible_to(viewer)`."""

from __future__ import annotations

from typing import Any

from strawberry.permission import BasePermission

from core.errors import ErrorCode
from graphql_schema.context import Info
from models.schools import StaffRole


class IsAuthenticated(BasePermission):
    message = "请先登录"
    error_extensions = {"code": ErrorCode.UNAUTHENTICATED.value}

    def has_permission(self, source: Any, info: Info, **kwargs: Any) -> bool:
        return info.context.viewer.is_authenticated


class _HasRole(BasePermission):
    roles: tuple[StaffRole, ...] = ()
    message = "没有权限执行此操作"
    error_extensions = {"code": ErrorCode.FORBIDDEN.value}

    def has_permission(self, source: Any, info: Info, **kwargs: Any) -> bool:
        return info.context.viewer.has_role(*self.roles)


class IsClassTeacherOrAdmin(_HasRole):
    roles = (StaffRole.CLASS_TEACHER, StaffRole.SCHOOL_ADMIN, StaffRole.DISTRICT_ADMIN)


class IsSchoolAdmin(_HasRole):
    roles = (StaffRole.SCHOOL_ADMIN, StaffRole.DISTRICT_ADMIN)


class IsDistrictAdmin(_HasRole):
    roles = (StaffRole.DISTRICT_ADMIN,)

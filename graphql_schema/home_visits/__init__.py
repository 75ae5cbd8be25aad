"""Home visits (家访) in the schema: plans, slots, bookings, records, coverage."""

from __future__ import annotations

import strawberry
from strawberry import relay
from tortoise.expressions import Q, Subquery
from tortoise.queryset import QuerySet

from core.errors import DomainError, ErrorCode
from graphql_schema.composition import DomainSchema
from graphql_schema.context import Info
from graphql_schema.errors import top_level_error
from graphql_schema.home_visits.mutations import HomeVisitMutations
from graphql_schema.home_visits.permissions import SeesCoverage
from graphql_schema.home_visits.types import (
    HomeVisit,
    HomeVisitCoverage,
    HomeVisitPlan,
    VisitSlot,
)
from graphql_schema.node import ModelNode, decode_id
from graphql_schema.pagination import connection
from graphql_schema.permissions import IsAuthenticated
from graphql_schema.schools import District, School, SchoolClass
from models import home_visits as hv
from models.home_visits import coverage as coverage_rules


@strawberry.type
class HomeVisitQueries:
    @strawberry.field(
        description="A class's home-visit plan (staff of the class); null if none or hidden.",
        permission_classes=[IsAuthenticated],
    )
    async def home_visit_plan(self, info: Info, class_id: relay.GlobalID) -> HomeVisitPlan | None:
        pk = _id(class_id, SchoolClass)
        row = await hv.VisitPlan.visible_to(info.context.viewer).filter(school_class_id=pk).first()
        return HomeVisitPlan.from_row(row) if row else None

    @strawberry.field(
        description="Coverage of one class, school or district (give exactly one); null when "
        "the viewer may not see it.",
        permission_classes=[IsAuthenticated, SeesCoverage],
    )
    async def home_visit_coverage(
        self,
        info: Info,
        class_id: relay.GlobalID | None = None,
        school_id: relay.GlobalID | None = None,
        district_id: relay.GlobalID | None = None,
    ) -> HomeVisitCoverage | None:
        given = [g for g in (class_id, school_id, district_id) if g is not None]
        if len(given) != 1:
            raise top_level_error(ErrorCode.INVALID, "请给出一个班级、学校或区")
        scope = coverage_rules.Scope(
            class_id=_id(class_id, SchoolClass) if class_id else None,
            school_id=_id(school_id, School) if school_id else None,
            district_id=_id(district_id, District) if district_id else None,
        )
        if not await coverage_rules.may_see(info.context.viewer, scope):
            return None
        figures = await coverage_rules.coverage(scope, info.context.now().date())
        return HomeVisitCoverage.of(figures)


def _id(gid: relay.GlobalID, node_type: type[ModelNode]) -> int:
    try:
        return decode_id(gid, node_type, "id")
    except DomainError:
        raise top_level_error(ErrorCode.INVALID, "ID 的类型不对") from None


@strawberry.type
class HomeVisitViewerFields:
    @connection(HomeVisit, "Visits of the viewer's children, or that the viewer makes or joins.")
    def home_visits(self, info: Info) -> QuerySet[hv.HomeVisit]:
        viewer = info.context.viewer
        uid = viewer.user_id or 0
        joined = hv.VisitCoVisitor.filter(user_id=uid).values_list("visit_id", flat=True)
        # each condition is one of HomeVisit.visible_to's: "mine" is a part of what is visible
        return hv.HomeVisit.filter(
            Q(student_id__in=list(viewer.child_ids)) | Q(host_id=uid) | Q(id__in=Subquery(joined))
        ).order_by("starts_at")

    @connection(VisitSlot, "Open slots of the viewer's children's classes, from now on.")
    def open_home_visit_slots(self, info: Info) -> QuerySet[hv.VisitSlot]:
        viewer = info.context.viewer
        return hv.VisitSlot.filter(
            school_class_id__in=list(viewer.child_class_ids),
            student_id__isnull=True,
            starts_at__gt=info.context.now(),
        ).order_by("starts_at")


SCHEMA = DomainSchema(
    queries=HomeVisitQueries, mutations=HomeVisitMutations, viewer=HomeVisitViewerFields
)

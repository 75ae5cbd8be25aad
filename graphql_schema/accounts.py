"""Sign-in, sessions, invitations, and the person behind `viewer`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Annotated

import strawberry
from strawberry import relay
from tortoise.queryset import QuerySet

from graphql_schema.composition import DomainSchema
from graphql_schema.context import Info
from graphql_schema.errors import Payload, mutation
from graphql_schema.node import ModelNode, decode_id
from graphql_schema.pagination import connection
from graphql_schema.permissions import IsAuthenticated, IsClassTeacherOrAdmin
from graphql_schema.schools import Guardian, Relationship, StaffRole, Student
from models import accounts as account_models
from models import invitations
from models import schools as school_models
from models.viewer import load_viewer


@strawberry.type(description="A person: parent, teacher, counselor, lecturer or administrator.")
class Person(ModelNode):
    model = account_models.User
    id: relay.NodeID[int]
    row: strawberry.Private[account_models.User]
    name: str

    @strawberry.field(
        description="In full where the viewer's role needs it (oneself; a class teacher: the "
        "class's guardians; counselors and school administrators: the school's families; "
        "staff: colleagues of their school; district administrators: the district's staff); "
        "masked for everyone else."
    )
    async def phone(self, info: Info) -> str:
        context = await info.context.loaders.batch(
            "phone-contexts", account_models.phone_contexts
        ).load(self.row.id)
        return account_models.phone_shown_to(info.context.viewer, self.row, context)


@strawberry.type
class AccountViewerFields:
    @strawberry.field
    async def person(self, info: Info) -> Person:
        row = await info.context.loaders.get(account_models.User, info.context.viewer.user_id)
        return Person.from_row(row)

    @strawberry.field(description="Roles held as staff; a parent has guardian links instead.")
    def roles(self, info: Info) -> list[StaffRole]:  # type: ignore[valid-type]
        return sorted(info.context.viewer.roles)

    @connection(
        Annotated["PendingGuardianLink", strawberry.lazy("graphql_schema.accounts")],
        "Links to children awaiting the viewer's confirmation, oldest first.",
    )
    def pending_guardian_links(self, info: Info) -> QuerySet[account_models.PendingGuardianship]:
        return account_models.PendingGuardianship.visible_to(info.context.viewer).order_by("id")


@strawberry.type
class PolicyVersions:
    privacy_policy_version: str
    child_consent_version: str


# ---------------------------------------------------------------- inputs and payloads


@strawberry.input
class LoginInput:
    phone: str
    password: str
    accepted_policy_version: str | None = strawberry.field(
        default=None, description="Required on first sign-in and after the policy changes."
    )


@strawberry.type
class AuthPayload(Payload):
    access_token: str | None = None
    access_token_expires_at: dt.datetime | None = None
    refresh_token: str | None = None


@strawberry.input
class RefreshInput:
    refresh_token: str


@strawberry.input
class LogoutInput:
    device_token: str | None = strawberry.field(
        default=None, description="This device's push token: it stops receiving pushes."
    )


@strawberry.type
class LogoutPayload(Payload):
    ok: bool = False


@strawberry.input
class IssueInvitationInput:
    student_id: relay.GlobalID


@strawberry.type
class IssueInvitationPayload(Payload):
    code: str | None = None
    expires_at: dt.datetime | None = None
    student: Student | None = None


@strawberry.input
class RedeemInvitationInput:
    code: str
    relationship: Relationship  # type: ignore[valid-type]
    accepted_policy_version: str
    child_data_consent: bool = strawberry.field(
        default=False, description="Guardian's consent to process the data of a child under 14."
    )
    phone: str | None = strawberry.field(default=None, description="For a new account only.")
    password: str | None = None
    name: str | None = None


@strawberry.type
class RedeemInvitationPayload(Payload):
    guardian: Guardian | None = strawberry.field(
        default=None,
        description="The new link, for a signed-in parent. Without a session the answer is "
        "empty whatever the phone (a new phone's account is linked; a registered phone's "
        "owner is asked to confirm in the app): sign in next.",
    )
    auth: AuthPayload | None = strawberry.field(
        default=None,
        description="Always null: a redemption without a session no longer signs in (the "
        "answer must not tell whether the phone had an account); call login next.",
    )


@strawberry.type(
    description="A link of the viewer's account to a child, proposed by the child's school "
    "(a roster import) or by someone redeeming an invitation with the viewer's phone; the "
    "viewer accepts or declines it. Until then the school sees nothing of the account."
)
class PendingGuardianLink(ModelNode):
    model = account_models.PendingGuardianship
    id: relay.NodeID[int]
    row: strawberry.Private[account_models.PendingGuardianship]
    relationship: Relationship  # type: ignore[valid-type]
    created_at: dt.datetime

    async def _about(self, info: Info) -> tuple[str, str, str]:
        return await info.context.loaders.batch("pending-link-student", _students_named).load(
            self.row.student_id
        )

    @strawberry.field(description="The child's name, as the school gave it.")
    async def student_name(self, info: Info) -> str:
        return (await self._about(info))[0]

    @strawberry.field
    async def school_name(self, info: Info) -> str:
        return (await self._about(info))[1]

    @strawberry.field
    async def class_name(self, info: Info) -> str:
        return (await self._about(info))[2]


async def _students_named(ids: Sequence[int]) -> list[tuple[str, str, str]]:
    """Name, school and class of the children of pending links, in one query (the viewer may
    not see these students yet: only what a parent needs to recognise their child)."""
    rows = await school_models.Student.filter(id__in=list(set(ids))).values_list(
        "id", "name", "school__name", "school_class__name"
    )
    named = {r[0]: (r[1], r[2], r[3]) for r in rows}
    return [named[i] for i in ids]


@strawberry.input
class AcceptGuardianLinkInput:
    link_id: relay.GlobalID
    child_data_consent: bool = strawberry.field(
        default=False, description="Guardian's consent to process the data of a child under 14."
    )


@strawberry.type
class AcceptGuardianLinkPayload(Payload):
    guardian: Guardian | None = None


@strawberry.input
class DeclineGuardianLinkInput:
    link_id: relay.GlobalID


@strawberry.type
class DeclineGuardianLinkPayload(Payload):
    ok: bool = False


def _auth_payload(info: Info, signed_in: account_models.SignedIn) -> AuthPayload:
    now = info.context.now()
    tokens = info.context.tokens
    return AuthPayload(
        access_token=tokens.access_token(
            user_id=signed_in.user.id, session_id=signed_in.session_id, now=now
        ),
        access_token_expires_at=now + tokens.access_ttl,
        refresh_token=signed_in.refresh_token,
    )


def _client_address(info: Info) -> str:
    """The caller's address as uvicorn reports it (behind the proxy: from X-Forwarded-For,
    believed only from `--forwarded-allow-ips`)."""
    request = info.context.request
    client = getattr(request, "client", None)
    return client.host if client is not None else "unknown"


@strawberry.type
class AccountQueries:
    @strawberry.field(description="Policy versions the app must show before sign-in.")
    def policy_versions(self, info: Info) -> PolicyVersions:
        p = info.context.policies
        return PolicyVersions(
            privacy_policy_version=p.privacy_policy_version,
            child_consent_version=p.child_consent_version,
        )


@strawberry.type
class AccountMutations:
    @mutation()
    async def login(self, info: Info, input: LoginInput) -> AuthPayload:
        signed_in = await account_models.login(
            phone=input.phone,
            password=input.password,
            accepted_policy_version=input.accepted_policy_version,
            current_policy_version=info.context.policies.privacy_policy_version,
            now=info.context.now(),
            client=_client_address(info),
        )
        return _auth_payload(info, signed_in)

    @mutation("Spend a refresh token for a new pair; reuse revokes the chain.")
    async def refresh_session(self, info: Info, input: RefreshInput) -> AuthPayload:
        signed_in = await account_models.refresh(
            refresh_token=input.refresh_token, now=info.context.now()
        )
        return _auth_payload(info, signed_in)

    @mutation(permission_classes=[IsAuthenticated])
    async def logout(self, info: Info, input: LogoutInput | None = None) -> LogoutPayload:
        await account_models.logout(
            viewer=info.context.viewer,
            now=info.context.now(),
            device_token=input.device_token if input is not None else None,
        )
        return LogoutPayload(ok=True)

    @mutation(permission_classes=[IsAuthenticated, IsClassTeacherOrAdmin])
    async def issue_invitation(
        self, info: Info, input: IssueInvitationInput
    ) -> IssueInvitationPayload:
        invitation = await invitations.issue_invitation(
            viewer=info.context.viewer,
            student_id=decode_id(input.student_id, Student, "studentId"),
            now=info.context.now(),
        )
        student = await school_models.Student.get(id=invitation.student_id)
        return IssueInvitationPayload(
            code=invitation.code,
            expires_at=invitation.expires_at,
            student=Student.from_row(student),
        )

    @mutation("Link a parent to a child with the class teacher's code.")
    async def redeem_invitation(
        self, info: Info, input: RedeemInvitationInput
    ) -> RedeemInvitationPayload:
        policies = info.context.policies
        redeemed = await invitations.redeem_invitation(
            viewer=info.context.viewer,
            code=input.code,
            relationship=school_models.Relationship(input.relationship),
            accepted_policy_version=input.accepted_policy_version,
            child_data_consent=input.child_data_consent,
            current_policy_version=policies.privacy_policy_version,
            child_consent_version=policies.child_consent_version,
            now=info.context.now(),
            phone=input.phone,
            password=input.password,
            name=input.name,
        )
        if redeemed.guardianship is None:
            return RedeemInvitationPayload()
        info.context.switch_viewer(
            await load_viewer(redeemed.guardianship.guardian_id, info.context.viewer.session_id)
        )
        return RedeemInvitationPayload(guardian=Guardian.from_row(redeemed.guardianship))

    @mutation(
        "Confirm a proposed link to a child (with consent for a child under 14).",
        permission_classes=[IsAuthenticated],
    )
    async def accept_guardian_link(
        self, info: Info, input: AcceptGuardianLinkInput
    ) -> AcceptGuardianLinkPayload:
        viewer = info.context.viewer
        link = await invitations.accept_link(
            viewer=viewer,
            link_id=decode_id(input.link_id, PendingGuardianLink, "linkId"),
            child_data_consent=input.child_data_consent,
            child_consent_version=info.context.policies.child_consent_version,
            now=info.context.now(),
        )
        info.context.switch_viewer(await load_viewer(link.guardian_id, viewer.session_id))
        return AcceptGuardianLinkPayload(guardian=Guardian.from_row(link))

    @mutation("Refuse a proposed link to a child.", permission_classes=[IsAuthenticated])
    async def decline_guardian_link(
        self, info: Info, input: DeclineGuardianLinkInput
    ) -> DeclineGuardianLinkPayload:
        await invitations.decline_link(
            viewer=info.context.viewer,
            link_id=decode_id(input.link_id, PendingGuardianLink, "linkId"),
            now=info.context.now(),
        )
        return DeclineGuardianLinkPayload(ok=True)


SCHEMA = DomainSchema(
    queries=AccountQueries, mutations=AccountMutations, viewer=AccountViewerFields
)

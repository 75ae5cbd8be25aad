"""Sign-in, sessions, invitations, and the person behind `viewer`."""

from __future__ import annotations

import datetime as dt

import strawberry
from strawberry import relay

from graphql_schema.composition import DomainSchema
from graphql_schema.context import Info
from graphql_schema.errors import Payload, mutation
from graphql_schema.node import ModelNode, decode_id
from graphql_schema.permissions import IsAuthenticated, IsClassTeacherOrAdmin
from graphql_schema.schools import Guardian, Relationship, StaffRole, Student
from models import accounts as account_models
from models import schools as school_models
from models.viewer import load_viewer


@strawberry.type(description="A person: parent, teacher, counselor, lecturer or administrator.")
class Person(ModelNode):
    model = account_models.User
    id: relay.NodeID[int]
    row: strawberry.Private[account_models.User]
    name: str

    @strawberry.field(description="In full for oneself and for staff; masked for others.")
    def phone(self, info: Info) -> str:
        return account_models.phone_shown_to(info.context.viewer, self.row)


@strawberry.type
class AccountViewerFields:
    @strawberry.field
    async def person(self, info: Info) -> Person:
        row = await info.context.loaders.get(account_models.User, info.context.viewer.user_id)
        return Person.from_row(row)

    @strawberry.field(description="Roles held as staff; a parent has guardian links instead.")
    def roles(self, info: Info) -> list[StaffRole]:  # type: ignore[valid-type]
        return sorted(info.context.viewer.roles)


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
    guardian: Guardian | None = None
    auth: AuthPayload | None = strawberry.field(
        default=None, description="Tokens, when the redemption created the account."
    )


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
        invitation = await account_models.issue_invitation(
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
        redeemed = await account_models.redeem_invitation(
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
        signed_in = redeemed.signed_in
        session_id = signed_in.session_id if signed_in else info.context.viewer.session_id
        info.context.switch_viewer(await load_viewer(redeemed.guardianship.guardian_id, session_id))
        return RedeemInvitationPayload(
            guardian=Guardian.from_row(redeemed.guardianship),
            auth=_auth_payload(info, signed_in) if signed_in else None,
        )


SCHEMA = DomainSchema(
    queries=AccountQueries, mutations=AccountMutations, viewer=AccountViewerFields
)

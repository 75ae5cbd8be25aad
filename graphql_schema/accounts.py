"""Sign-in, sessions, invitations and the `viewer` entry point."""

from __future__ import annotations

import datetime as dt

import strawberry
from strawberry import relay

from core.errors import DomainError
from graphql_schema.context import Info
from graphql_schema.errors import UserError, user_errors
from graphql_schema.node import ModelNode, decode_id
from graphql_schema.notifications import (
    Notification,
    NotificationCategory,
    NotificationPreference,
    PushConsentState,
    PushDevice,
    QuietHours,
    preference_list,
    push_consent_state,
)
from graphql_schema.pagination import connection
from graphql_schema.permissions import IsAuthenticated, IsClassTeacherOrAdmin
from graphql_schema.schools import (
    District,
    Guardian,
    Relationship,
    School,
    SchoolClass,
    StaffRole,
    Student,
)
from models import accounts as account_models
from models import schools as school_models
from models.viewer import load_viewer
from notifications import devices, inbox, preferences
from notifications import models as notification_models


def _mask_phone(phone: str) -> str:
    return phone[:-8] + "****" + phone[-4:] if len(phone) > 8 else "****"


@strawberry.type(description="A person: parent, teacher, counselor, lecturer or administrator.")
class Person(ModelNode):
    model = account_models.User
    id: relay.NodeID[int]
    row: strawberry.Private[account_models.User]
    name: str

    @classmethod
    def from_row(cls, row: account_models.User) -> Person:
        return cls(id=row.id, name=row.name, row=row)

    @strawberry.field(description="In full for oneself and for staff; masked for others.")
    def phone(self, info: Info) -> str:
        viewer = info.context.viewer
        if viewer.user_id == self.id or viewer.roles:
            return self.row.phone
        return _mask_phone(self.row.phone)


@strawberry.type(description="The signed-in person and what is theirs.")
class Viewer:
    @strawberry.field
    async def person(self, info: Info) -> Person:
        row = await info.context.loaders.get(account_models.User, info.context.viewer.user_id)
        return Person.from_row(row)

    @strawberry.field(description="Roles held as staff; a parent has guardian links instead.")
    def roles(self, info: Info) -> list[StaffRole]:  # type: ignore[valid-type]
        return sorted(info.context.viewer.roles)

    @connection("The viewer's children (as guardian).")
    def children(self, info: Info) -> relay.Connection[Student]:
        return school_models.Student.filter(id__in=list(info.context.viewer.child_ids))  # type: ignore[return-value]

    @connection("Classes the viewer teaches as class teacher.")
    def classes(self, info: Info) -> relay.Connection[SchoolClass]:
        return school_models.SchoolClass.filter(id__in=list(info.context.viewer.taught_class_ids))  # type: ignore[return-value]

    @connection("Schools the viewer belongs to: staff, or a child's school.")
    def schools(self, info: Info) -> relay.Connection[School]:
        return school_models.School.visible_to(info.context.viewer)  # type: ignore[return-value]

    @connection("The viewer's in-app inbox, newest first.", newest_first=True)
    def notifications(
        self,
        info: Info,
        unread_only: bool = False,
        category: NotificationCategory | None = None,  # type: ignore[valid-type]
    ) -> relay.Connection[Notification]:
        return inbox.inbox_query(  # type: ignore[return-value]
            info.context.viewer.user_id,  # type: ignore[arg-type]
            unread_only=unread_only,
            category=notification_models.NotificationCategory(category) if category else None,
        )

    @strawberry.field
    async def unread_notification_count(self, info: Info) -> int:
        return await inbox.unread_count(info.context.viewer.user_id)  # type: ignore[arg-type]

    @strawberry.field(description="Push on or off per category.")
    async def notification_preferences(self, info: Info) -> list[NotificationPreference]:
        return preference_list(await preferences.get_preferences(info.context.viewer.user_id))  # type: ignore[arg-type]

    @strawberry.field
    async def quiet_hours(self, info: Info) -> QuietHours:
        return QuietHours.from_window(
            await preferences.get_quiet_hours(info.context.viewer.user_id)
        )  # type: ignore[arg-type]

    @strawberry.field
    async def push_consent(self, info: Info) -> PushConsentState:
        return await push_consent_state(info.context.viewer.user_id)  # type: ignore[arg-type]

    @strawberry.field(description="The viewer's registered push devices.")
    async def push_devices(self, info: Info) -> list[PushDevice]:
        rows = await devices.devices_of(info.context.viewer.user_id)  # type: ignore[arg-type]
        return [PushDevice.from_row(r) for r in rows]

    @connection("Districts the viewer belongs to.")
    def districts(self, info: Info) -> relay.Connection[District]:
        return school_models.District.visible_to(info.context.viewer)  # type: ignore[return-value]


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
class AuthPayload:
    access_token: str | None = None
    access_token_expires_at: dt.datetime | None = None
    refresh_token: str | None = None
    user_errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.input
class RefreshInput:
    refresh_token: str


@strawberry.input
class LogoutInput:
    device_token: str | None = strawberry.field(
        default=None, description="This device's push token: it stops receiving pushes."
    )


@strawberry.type
class LogoutPayload:
    ok: bool = False
    user_errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.input
class IssueInvitationInput:
    student_id: relay.GlobalID


@strawberry.type
class IssueInvitationPayload:
    code: str | None = None
    expires_at: dt.datetime | None = None
    student: Student | None = None
    user_errors: list[UserError] = strawberry.field(default_factory=list)


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
class RedeemInvitationPayload:
    guardian: Guardian | None = None
    auth: AuthPayload | None = strawberry.field(
        default=None, description="Tokens, when the redemption created the account."
    )
    user_errors: list[UserError] = strawberry.field(default_factory=list)


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


@strawberry.type
class AccountQueries:
    @strawberry.field(permission_classes=[IsAuthenticated])
    def viewer(self) -> Viewer:
        return Viewer()

    @strawberry.field(description="Policy versions the app must show before sign-in.")
    def policy_versions(self, info: Info) -> PolicyVersions:
        p = info.context.policies
        return PolicyVersions(
            privacy_policy_version=p.privacy_policy_version,
            child_consent_version=p.child_consent_version,
        )


@strawberry.type
class AccountMutations:
    @strawberry.mutation
    async def login(self, info: Info, input: LoginInput) -> AuthPayload:
        try:
            signed_in = await account_models.login(
                phone=input.phone,
                password=input.password,
                accepted_policy_version=input.accepted_policy_version,
                current_policy_version=info.context.policies.privacy_policy_version,
                now=info.context.now(),
            )
        except DomainError as e:
            return AuthPayload(user_errors=user_errors(e))
        return _auth_payload(info, signed_in)

    @strawberry.mutation(
        description="Spend a refresh token for a new pair; reuse revokes the chain."
    )
    async def refresh_session(self, info: Info, input: RefreshInput) -> AuthPayload:
        try:
            signed_in = await account_models.refresh(
                refresh_token=input.refresh_token, now=info.context.now()
            )
        except DomainError as e:
            return AuthPayload(user_errors=user_errors(e))
        return _auth_payload(info, signed_in)

    @strawberry.mutation(permission_classes=[IsAuthenticated])
    async def logout(self, info: Info, input: LogoutInput | None = None) -> LogoutPayload:
        viewer = info.context.viewer
        if viewer.session_id is not None:
            await account_models.logout(session_id=viewer.session_id, now=info.context.now())
        if input is not None and input.device_token and viewer.user_id is not None:
            await devices.drop_device(user_id=viewer.user_id, token=input.device_token)
        return LogoutPayload(ok=True)

    @strawberry.mutation(permission_classes=[IsAuthenticated, IsClassTeacherOrAdmin])
    async def issue_invitation(
        self, info: Info, input: IssueInvitationInput
    ) -> IssueInvitationPayload:
        try:
            invitation = await account_models.issue_invitation(
                viewer=info.context.viewer,
                student_id=decode_id(input.student_id, Student, "studentId"),
                now=info.context.now(),
            )
        except DomainError as e:
            return IssueInvitationPayload(user_errors=user_errors(e))
        student = await school_models.Student.get(id=invitation.student_id)
        return IssueInvitationPayload(
            code=invitation.code,
            expires_at=invitation.expires_at,
            student=Student.from_row(student),
        )

    @strawberry.mutation(description="Link a parent to a child with the class teacher's code.")
    async def redeem_invitation(
        self, info: Info, input: RedeemInvitationInput
    ) -> RedeemInvitationPayload:
        policies = info.context.policies
        try:
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
        except DomainError as e:
            return RedeemInvitationPayload(user_errors=user_errors(e))
        signed_in = redeemed.signed_in
        session_id = signed_in.session_id if signed_in else info.context.viewer.session_id
        info.context.switch_viewer(await load_viewer(redeemed.guardianship.guardian_id, session_id))
        return RedeemInvitationPayload(
            guardian=Guardian.from_row(redeemed.guardianship),
            auth=_auth_payload(info, redeemed.signed_in) if redeemed.signed_in else None,
        )

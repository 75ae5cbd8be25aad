"""A district administrator sets the district up in the app: schools, the school calendar and
staff roles, only inside their own district and with each role at the place it applies to."""

from __future__ import annotations

from models.schools import School, StaffAssignment, StaffRole, Term
from tests.client import GraphQLClient
from tests.factories import make_district, make_user, make_world
from tests.helpers import gid, user_errors

CREATE_SCHOOL = """mutation($d: ID!, $name: String!) {
  createSchool(input: {districtId: $d, name: $name}) {
    school { name district { name } } userErrors { code field } } }"""
CREATE_YEAR = """mutation($name: String!, $s: Date!, $e: Date!) {
  createSchoolYear(input: {name: $name, startsOn: $s, endsOn: $e}) {
    schoolYear { name startsOn endsOn } userErrors { code field } } }"""
CREATE_TERM = """mutation($year: String!, $s: Date!, $e: Date!) {
  createTerm(input: {schoolYear: $year, name: "第一学期", startsOn: $s, endsOn: $e}) {
    term { name startsOn } userErrors { code field } } }"""
ASSIGN = """mutation($phone: String!, $role: StaffRole!, $d: ID, $s: ID, $c: ID) {
  assignStaffRole(input: {phone: $phone, role: $role, districtId: $d, schoolId: $s, classId: $c}) {
    person { name } role userErrors { code field } } }"""


async def test_a_district_admin_creates_a_school_in_their_district_only(
    gql: GraphQLClient,
) -> None:
    world = await make_world()
    elsewhere = await make_district("另一学区")
    token = await gql.token(world.district_admin.phone)

    made = await gql(
        CREATE_SCHOOL,
        {"d": gid("District", world.district.id), "name": "青禾区第二小学"},
        token=token,
    )
    refused = await gql(
        CREATE_SCHOOL, {"d": gid("District", elsewhere.id), "name": "越界小学"}, token=token
    )

    assert made["data"]["createSchool"]["school"]["district"]["name"] == world.district.name
    assert user_errors(refused["data"]["createSchool"]) == [("NOT_FOUND", "districtId")]
    assert not await School.exists(name="越界小学")


async def test_the_calendar_refuses_overlapping_years_and_terms_outside_their_year(
    gql: GraphQLClient,
) -> None:
    world = await make_world()
    token = await gql.token(world.district_admin.phone)

    year = await gql(
        CREATE_YEAR, {"name": "2030-2031", "s": "2030-09-01", "e": "2031-08-31"}, token=token
    )
    overlap = await gql(
        CREATE_YEAR, {"name": "2031-2032", "s": "2031-06-01", "e": "2032-08-31"}, token=token
    )
    term = await gql(
        CREATE_TERM, {"year": "2030-2031", "s": "2030-09-01", "e": "2031-01-20"}, token=token
    )
    outside = await gql(
        CREATE_TERM, {"year": "2030-2031", "s": "2031-07-01", "e": "2031-09-30"}, token=token
    )
    unknown = await gql(
        CREATE_TERM, {"year": "1999-2000", "s": "1999-09-01", "e": "2000-01-20"}, token=token
    )

    assert year["data"]["createSchoolYear"]["schoolYear"]["name"] == "2030-2031"
    assert user_errors(overlap["data"]["createSchoolYear"]) == [("BAD_DATES", "startsOn")]
    assert term["data"]["createTerm"]["term"] == {"name": "第一学期", "startsOn": "2030-09-01"}
    assert user_errors(outside["data"]["createTerm"]) == [("BAD_DATES", "startsOn")]
    assert user_errors(unknown["data"]["createTerm"]) == [("NOT_FOUND", "schoolYear")]
    assert await Term.filter(school_year__name="2030-2031").count() == 1


async def test_a_role_is_given_only_at_its_own_kind_of_place_inside_the_district(
    gql: GraphQLClient,
) -> None:
    world = await make_world()
    person = await make_user(name="新心理老师")
    token = await gql.token(world.district_admin.phone)
    school = gid("School", world.school.id)
    foreign = gid("District", (await make_district("外区")).id)

    given = await gql(
        ASSIGN, {"phone": person.phone, "role": "COUNSELOR", "s": school}, token=token
    )
    no_place = await gql(ASSIGN, {"phone": person.phone, "role": "SCHOOL_ADMIN"}, token=token)
    wrong_place = await gql(
        ASSIGN, {"phone": person.phone, "role": "DISTRICT_ADMIN", "s": school}, token=token
    )
    outside = await gql(
        ASSIGN, {"phone": person.phone, "role": "LECTURER", "d": foreign}, token=token
    )
    nobody = await gql(
        ASSIGN, {"phone": "13900000000", "role": "COUNSELOR", "s": school}, token=token
    )
    again = await gql(
        ASSIGN, {"phone": person.phone, "role": "COUNSELOR", "s": school}, token=token
    )

    assert given["data"]["assignStaffRole"]["person"] == {"name": "新心理老师"}
    assert given["data"]["assignStaffRole"]["role"] == "COUNSELOR"
    assert user_errors(no_place["data"]["assignStaffRole"]) == [("WRONG_SCOPE", "schoolId")]
    assert ("WRONG_SCOPE", "schoolId") in user_errors(wrong_place["data"]["assignStaffRole"])
    assert user_errors(outside["data"]["assignStaffRole"]) == [("NOT_FOUND", "districtId")]
    assert user_errors(nobody["data"]["assignStaffRole"]) == [("NOT_FOUND", "phone")]
    assert user_errors(again["data"]["assignStaffRole"]) == [("ROLE_HELD", "role")]
    roles = await StaffAssignment.filter(user_id=person.id).values_list("role", "school_id")
    assert roles == [(StaffRole.COUNSELOR, world.school.id)]

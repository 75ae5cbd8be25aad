"""Command line: serve, worker (alias dispatcher), migrate, seed-demo, import-roster,
create-user, makemigrations, verify-audit."""

from __future__ import annotations

import argparse
import asyncio
import sys
from pathlib import Path

from server.settings import Settings


def _settings() -> Settings:
    from pydantic import ValidationError

    try:
        return Settings()
    except ValidationError as e:  # one line, not pydantic's paragraph
        problems = [
            (f"HOMEROOM_{'_'.join(map(str, err['loc'])).upper()}: " if err["loc"] else "")
            + err["msg"].removeprefix("Value error, ")
            for err in e.errors()
        ]
        sys.exit(f"configuration error: {'; '.join(problems)}")


async def _with_db(settings: Settings, work, *, migrated: bool = True):
    """Runs `work` on an open, migrated database; a setup mistake ends in one line."""
    from server.db import SetupError, check_database, close_db

    try:
        await check_database(settings.db_url, migrated=migrated)
    except SetupError as e:
        sys.exit(str(e))
    try:
        return await work()
    finally:
        await close_db()


def cmd_serve(args: argparse.Namespace) -> None:
    import uvicorn

    from server.app import create_app
    from server.logs import configure_logging

    settings = _settings()
    # checked once here, before any worker starts: a worker that dies on start is restarted
    # forever by uvicorn's supervisor while nothing is served
    refusal = settings.bind_refusal(args.host) or settings.workers_refusal(args.workers)
    if refusal:
        sys.exit(refusal)
    asyncio.run(_with_db(settings, _nothing))
    configure_logging(settings.log_level)
    if args.workers > 1:
        _serve_workers(settings, args)
        return
    app = create_app(settings)
    options: dict = {"log_config": None, "access_log": False}
    server = uvicorn.Server(
        uvicorn.Config(app, host=args.host, port=args.port, proxy_headers=True, **options)
    )
    if settings.metrics_port is None:
        server.run()
        return
    # /metrics on loopback only, beside the API; stops when the API server stops.
    side = uvicorn.Server(
        uvicorn.Config(
            app.metrics_app, host="127.0.0.1", port=settings.metrics_port, lifespan="off", **options
        )
    )

    async def both() -> None:
        side_task = asyncio.create_task(side.serve())
        await asyncio.sleep(0)  # the side server takes the signals first; the API's own override
        try:
            await server.serve()
        finally:
            side.should_exit = True
            await side_task

    asyncio.run(both())


async def _nothing() -> None:
    return None


def _serve_workers(settings: Settings, args: argparse.Namespace) -> None:
    """uvicorn's supervisor with `args.workers` processes, each building the app from the
    environment; /metrics on the side port sums them all (Prometheus multiprocess mode)."""
    import os
    import shutil
    import tempfile

    import uvicorn

    from server.logs import log_config

    folder = tempfile.mkdtemp(prefix="homeroom-metrics-")
    os.environ["PROMETHEUS_MULTIPROC_DIR"] = folder  # read by each worker as it starts
    try:
        if settings.metrics_port is not None:
            from prometheus_client import start_http_server

            from server.metrics import multiprocess_registry

            start_http_server(
                settings.metrics_port, addr="127.0.0.1", registry=multiprocess_registry()
            )
        uvicorn.run(
            "server.app:create_app",
            factory=True,
            host=args.host,
            port=args.port,
            workers=args.workers,
            proxy_headers=True,
            access_log=False,
            log_config=log_config(settings.log_level),
        )
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def cmd_worker(args: argparse.Namespace) -> None:
    """The push dispatcher and the job runner, until SIGTERM."""
    from core.clock import SystemClock
    from notifications.live import live_events_for
    from server.logs import configure_logging
    from server.workers import run_worker

    settings = _settings()
    configure_logging(settings.log_level)
    live = live_events_for(settings.live_events, settings.db_url)
    asyncio.run(
        _with_db(
            settings,
            lambda: run_worker(
                clock=SystemClock(),
                live=live,
                health_port=settings.worker_health_port,
                health_host=settings.worker_health_host,
            ),
        )
    )


def cmd_migrate(args: argparse.Namespace) -> None:
    from server.db import migrate, setup_problem

    db_url = _settings().db_url
    try:
        applied = asyncio.run(migrate(db_url))
    except Exception as e:
        if problem := setup_problem(db_url, e):
            sys.exit(problem)
        raise
    print("applied: " + ", ".join(applied) if applied else "database is up to date")


def cmd_seed_demo(args: argparse.Namespace) -> None:
    from core.clock import SystemClock
    from server.demo import seed_demo

    settings = _settings()
    if settings.is_production:
        # demo data includes a district admin with a published password
        sys.exit("seed-demo refuses to run in production (HOMEROOM_ENVIRONMENT=production)")
    loaded = asyncio.run(
        _with_db(
            settings,
            lambda: seed_demo(
                SystemClock().now(), settings.privacy_policy_version, settings.child_consent_version
            ),
        )
    )
    print("demo data loaded" if loaded else "database already has data; demo not loaded")


async def _import_roster(school_id: int, data: bytes):
    from core.clock import SystemClock
    from core.errors import DomainError, ErrorCode
    from models.roster import import_roster
    from models.schools import School, SchoolYear

    if not await School.exists(id=school_id):
        raise DomainError.single(
            ErrorCode.NOT_FOUND,
            f"no school {school_id}: make one with `python -m server create-school`",
            "schoolId",
        )
    now = SystemClock().now()
    if await SchoolYear.current(now.date()) is None:
        raise DomainError.single(
            ErrorCode.NOT_FOUND,
            "no current school year: make one with `python -m server create-school-year`",
            "schoolYear",
        )
    return await import_roster(school_id=school_id, data=data, now=now)


def cmd_import_roster(args: argparse.Namespace) -> None:
    from core.errors import DomainError
    from models.roster import RosterError

    try:
        data = Path(args.file).read_bytes()
    except OSError as e:
        sys.exit(f"cannot read {args.file}: {e.strerror or e}")
    try:
        report = asyncio.run(
            _with_db(
                _settings(),
                lambda: _import_roster(args.school_id, data),
            )
        )
    except RosterError as e:
        for row in e.rows:
            print(f"line {row.line}: {row.column or ''}: {row.message}", file=sys.stderr)
        sys.exit(f"{e.errors[0].message}")
    except DomainError as e:
        sys.exit("; ".join(f"{e.field or 'error'}: {e.message}" for e in e.errors))
    print(
        f"imported {report.lines} line(s): {report.classes_created} class(es) created; students "
        f"{report.students_created} created, {report.students_updated} updated, "
        f"{report.students_unchanged} unchanged; guardians {report.guardians_created} new; "
        f"links {report.links_created} created, {report.links_updated} updated"
    )


def _run_admin(settings: Settings, work) -> None:
    """Runs an administration step; a refused one ends in one line naming the field."""
    from core.errors import DomainError

    try:
        print(asyncio.run(_with_db(settings, work)))
    except DomainError as e:
        sys.exit("; ".join(f"{e.field or 'error'}: {e.message}" for e in e.errors))


def cmd_create_user(args: argparse.Namespace) -> None:
    from core.clock import SystemClock
    from models.administration import create_staff_user
    from models.schools import StaffRole

    async def work() -> str:
        user = await create_staff_user(
            phone=args.phone,
            name=args.name,
            password=args.password,
            now=SystemClock().now(),
            role=StaffRole(args.role) if args.role else None,
            district_id=args.district_id,
            school_id=args.school_id,
            class_id=args.class_id,
        )
        return f"created user {user.id} ({user.phone})"

    _run_admin(_settings(), work)


def cmd_assign_role(args: argparse.Namespace) -> None:
    from models.accounts import User
    from models.administration import assign_role
    from models.schools import StaffRole

    async def work() -> str:
        from core.errors import DomainError, ErrorCode

        user = await User.get_or_none(phone=args.phone)
        if user is None:
            raise DomainError.single(ErrorCode.NOT_FOUND, "no user with this phone", "phone")
        role = await assign_role(
            user=user,
            role=StaffRole(args.role),
            district_id=args.district_id,
            school_id=args.school_id,
            class_id=args.class_id,
        )
        return f"{user.phone} is now {role.role.value} (assignment {role.id})"

    _run_admin(_settings(), work)


def cmd_create_district(args: argparse.Namespace) -> None:
    from models.administration import create_district

    async def work() -> str:
        district = await create_district(name=args.name)
        return f"created district {district.id} ({district.name})"

    _run_admin(_settings(), work)


def cmd_create_school(args: argparse.Namespace) -> None:
    from models.administration import create_school

    async def work() -> str:
        school = await create_school(district_id=args.district_id, name=args.name)
        return f"created school {school.id} ({school.name})"

    _run_admin(_settings(), work)


def cmd_create_school_year(args: argparse.Namespace) -> None:
    from models.administration import create_school_year

    async def work() -> str:
        year = await create_school_year(name=args.name, starts_on=args.start, ends_on=args.end)
        return f"created school year {year.id} ({year.name})"

    _run_admin(_settings(), work)


def cmd_create_term(args: argparse.Namespace) -> None:
    from models.administration import create_term

    async def work() -> str:
        term = await create_term(
            school_year_id=args.school_year_id,
            name=args.name,
            starts_on=args.start,
            ends_on=args.end,
        )
        return f"created term {term.id} ({term.name})"

    _run_admin(_settings(), work)


def _add_admin_commands(sub) -> None:
    import datetime as dt

    roles = ["CLASS_TEACHER", "COUNSELOR", "LECTURER", "SCHOOL_ADMIN", "DISTRICT_ADMIN"]

    def scope(parser: argparse.ArgumentParser) -> None:
        parser.add_argument("--role", choices=roles, required=parser.prog.endswith("assign-role"))
        parser.add_argument("--district-id", type=int, help="DISTRICT_ADMIN, LECTURER")
        parser.add_argument("--school-id", type=int, help="SCHOOL_ADMIN, COUNSELOR")
        parser.add_argument("--class-id", type=int, help="CLASS_TEACHER")

    user = sub.add_parser("create-user", help="create a person, optionally with a staff role")
    user.add_argument("--phone", required=True)
    user.add_argument("--name", required=True)
    user.add_argument("--password", required=True)
    scope(user)
    user.set_defaults(func=cmd_create_user)
    assign = sub.add_parser("assign-role", help="give an existing person a staff role")
    assign.add_argument("--phone", required=True)
    scope(assign)
    assign.set_defaults(func=cmd_assign_role)
    district = sub.add_parser("create-district", help="create a district")
    district.add_argument("--name", required=True)
    district.set_defaults(func=cmd_create_district)
    school = sub.add_parser("create-school", help="create a school in a district")
    school.add_argument("--district-id", type=int, required=True)
    school.add_argument("--name", required=True)
    school.set_defaults(func=cmd_create_school)
    for command, func in (
        ("create-school-year", cmd_create_school_year),
        ("create-term", cmd_create_term),
    ):
        parser = sub.add_parser(command, help="dates as YYYY-MM-DD")
        if command == "create-term":
            parser.add_argument("--school-year-id", type=int, required=True)
        parser.add_argument("--name", required=True)
        parser.add_argument("--start", type=dt.date.fromisoformat, required=True)
        parser.add_argument("--end", type=dt.date.fromisoformat, required=True)
        parser.set_defaults(func=func)


def cmd_makemigrations(args: argparse.Namespace) -> None:
    from server.migrations_tool import make_migrations, pending_for

    write = not args.check
    if args.dialect:  # one dialect, in this process
        result = asyncio.run(pending_for(args.dialect, args.name, write))
        print(f"{args.dialect}: {result or 'in sync'}")
        return
    results = make_migrations(args.name, write=write)
    for dialect, result in results.items():
        print(f"{dialect}: {result or 'in sync'}")
    if args.check and any(results.values()):
        sys.exit("models and migrations disagree: run `python -m server makemigrations NAME`")


def cmd_verify_audit(args: argparse.Namespace) -> None:
    """Walks the audit chain; exits non-zero naming the first event that breaks it."""
    from models.audit import verify_chain

    report = asyncio.run(_with_db(_settings(), verify_chain))
    if not report.ok:
        sys.exit(f"audit chain broken at event {report.first_bad_id}: {report.problem}")
    print(f"audit chain intact: {report.checked} events")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m server", description="Homeroom service")
    sub = parser.add_subparsers(dest="command", required=True)
    serve = sub.add_parser("serve", help="run the HTTP server")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument(
        "--workers", type=int, default=1, help="server processes (production: shared storage)"
    )
    serve.set_defaults(func=cmd_serve)
    sub.add_parser("worker", help="run a background worker: push and scheduled jobs").set_defaults(
        func=cmd_worker
    )
    # the command's first name, kept for deployments that start it
    sub.add_parser("dispatcher", help="the same as worker").set_defaults(func=cmd_worker)
    sub.add_parser("migrate", help="apply pending migrations").set_defaults(func=cmd_migrate)
    sub.add_parser("seed-demo", help="load demo data into an empty database").set_defaults(
        func=cmd_seed_demo
    )
    roster = sub.add_parser("import-roster", help="import a school's roster CSV")
    roster.add_argument("--school-id", type=int, required=True)
    roster.add_argument("file")
    roster.set_defaults(func=cmd_import_roster)
    _add_admin_commands(sub)
    mk = sub.add_parser("makemigrations", help="generate migrations for SQLite and PostgreSQL")
    mk.add_argument("name", nargs="?", default="update")
    mk.add_argument(
        "--check", action="store_true", help="fail if the models have unmigrated changes"
    )
    mk.add_argument("--dialect", choices=["sqlite", "postgres"], help=argparse.SUPPRESS)
    mk.set_defaults(func=cmd_makemigrations)
    sub.add_parser(
        "verify-audit", help="check the audit log's hash chain (non-zero exit if broken)"
    ).set_defaults(func=cmd_verify_audit)
    args = parser.parse_args(argv)
    args.func(args)


if __name__ == "__main__":
    main()

"""Command line: serve, worker (alias dispatcher), migrate, seed-demo, import-roster,
create-user, makemigrations, verify-audit."""

from __future__ import annotations

import argparse
import asyncio
import sys
from pathlib import Path

from server.settings import Settings


def _settings() -> Settings:
    try:
        return Settings()
    except ValueError as e:
        sys.exit(f"configuration error: {e}")


async def _with_db(settings: Settings, work):
    from server.db import close_db, init_db

    await init_db(settings.db_url)
    try:
        return await work()
    finally:
        await close_db()


def cmd_serve(args: argparse.Namespace) -> None:
    import uvicorn

    from server.app import create_app
    from server.logs import configure_logging

    settings = _settings()
    if refusal := settings.bind_refusal(args.host):
        sys.exit(refusal)
    configure_logging(settings.log_level)
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
    from server.db import migrate

    applied = asyncio.run(migrate(_settings().db_url))
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


def cmd_import_roster(args: argparse.Namespace) -> None:
    from core.clock import SystemClock
    from core.errors import DomainError
    from models.roster import RosterError, import_roster

    data = Path(args.file).read_bytes()
    try:
        report = asyncio.run(
            _with_db(
                _settings(),
                lambda: import_roster(school_id=args.school_id, data=data, now=SystemClock().now()),
            )
        )
    except RosterError as e:
        for row in e.rows:
            print(f"line {row.line}: {row.column or ''}: {row.message}", file=sys.stderr)
        sys.exit(f"{e.errors[0].message}")
    except DomainError as e:
        sys.exit(str(e))
    print(report)


def cmd_create_user(args: argparse.Namespace) -> None:
    from core.clock import SystemClock
    from core.errors import DomainError
    from models.accounts import create_user
    from models.schools import StaffAssignment, StaffRole

    async def work() -> str:
        user = await create_user(
            phone=args.phone, name=args.name, password=args.password, now=SystemClock().now()
        )
        if args.role:
            await StaffAssignment.create(
                user=user,
                role=StaffRole(args.role),
                district_id=args.district_id,
                school_id=args.school_id,
                school_class_id=args.class_id,
            )
        return f"created user {user.id} ({user.phone})"

    try:
        print(asyncio.run(_with_db(_settings(), work)))
    except DomainError as e:
        sys.exit(str(e))


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
    user = sub.add_parser("create-user", help="create a person, optionally with a staff role")
    user.add_argument("--phone", required=True)
    user.add_argument("--name", required=True)
    user.add_argument("--password", required=True)
    user.add_argument(
        "--role",
        choices=["CLASS_TEACHER", "COUNSELOR", "LECTURER", "SCHOOL_ADMIN", "DISTRICT_ADMIN"],
    )
    user.add_argument("--district-id", type=int)
    user.add_argument("--school-id", type=int)
    user.add_argument("--class-id", type=int)
    user.set_defaults(func=cmd_create_user)
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

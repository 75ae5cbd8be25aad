"""Tortoise models and the domain operations that change them, one module per domain."""

# Every domain module. Importing one registers what it contributes to shared registries
# (its error codes, notification kinds, audiences, jobs): see `load_domains`.
DOMAIN_MODULES: list[str] = [
    "models.schools",
    "models.accounts",
    "models.idempotency",
    "models.announcements",
    "models.roster",
    "models.jobs",
    "models.audit",
    "models.referrals",
    "models.home_visits",
    "models.courses",
    "models.feed",
    "models.media",
    "models.live_sessions",
    "models.administration",
]

# Every module holding Tortoise models; aerich's own table rides along so migrations are tracked.
MODEL_MODULES: list[str] = [
    "models.schools",
    "models.accounts",
    "models.idempotency",
    "models.announcements",
    "models.jobs",
    "models.audit",
    "models.referrals",
    "models.home_visits.tables",
    "models.courses",
    "models.feed",
    "models.media.tables",
    "models.live_sessions",
    "notifications.models",
    "aerich.models",
]


def load_domains() -> None:
    """Imports every domain module, so their registrations are in place (idempotent)."""
    import importlib

    for module in DOMAIN_MODULES:
        importlib.import_module(module)

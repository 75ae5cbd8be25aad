"""Tortoise models and the domain operations that change them, one module per domain."""

# Every module holding Tortoise models; aerich's own table rides along so migrations are tracked.
MODEL_MODULES: list[str] = [
    "models.schools",
    "models.accounts",
    "models.idempotency",
    "models.announcements",
    "notifications.models",
    "aerich.models",
]

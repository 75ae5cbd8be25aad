"""The door: Starlette app, settings, auth tokens, CLI, workers and per-request context."""

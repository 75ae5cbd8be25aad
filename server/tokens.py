"""Short-lived JWT access tokens (PyJWT). Refresh tokens are opaque and live in the database."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache

import jwt

from models.accounts import ACCESS_TOKEN_TTL

ALGORITHM = "HS256"
ISSUER = "homeroom"
# tokens whose signature was checked, kept so a phone's next requests skip the HMAC and JSON
# decoding (a few % of a read's CPU); the expiry is still checked on every request
VERIFIED_TOKENS = 8192


@dataclass(frozen=True, slots=True)
class AccessClaims:
    user_id: int
    session_id: int
    expires_at: dt.datetime  # a socket opened with the token closes then (issue 14)


class TokenIssuer:
    def __init__(self, secret: str, ttl: dt.timedelta = ACCESS_TOKEN_TTL) -> None:
        self._secret = secret
        self._ttl = ttl
        self._decoded = lru_cache(maxsize=VERIFIED_TOKENS)(self._decode)

    @property
    def access_ttl(self) -> dt.timedelta:
        return self._ttl

    def access_token(self, *, user_id: int, session_id: int, now: dt.datetime) -> str:
        claims = {
            "iss": ISSUER,
            "sub": str(user_id),
            "sid": session_id,
            "iat": int(now.timestamp()),
            "exp": int((now + self._ttl).timestamp()),
        }
        return jwt.encode(claims, self._secret, algorithm=ALGORITHM)

    def verify(self, token: str, now: dt.datetime) -> AccessClaims | None:
        """The claims of a good, unexpired token; None for anything else."""
        if len(token) > 2048:  # not ours (and not worth a place in the cache)
            return None
        claims = self._decoded(token)
        if claims is None or claims.expires_at <= now:  # our clock, not the OS's
            return None
        return claims

    def _decode(self, token: str) -> AccessClaims | None:
        """Signature, issuer and claims checked; whatever the time."""
        try:
            claims = jwt.decode(
                token,
                self._secret,
                algorithms=[ALGORITHM],
                issuer=ISSUER,
                options={"require": ["exp", "sub", "sid"], "verify_exp": False},
            )
            return AccessClaims(
                user_id=int(claims["sub"]),
                session_id=int(claims["sid"]),
                expires_at=dt.datetime.fromtimestamp(int(claims["exp"]), dt.UTC),
            )
        except (jwt.InvalidTokenError, KeyError, ValueError, OverflowError, OSError, TypeError):
            return None

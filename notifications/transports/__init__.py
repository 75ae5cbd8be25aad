"""Push channels by device push kind, built from configuration.

Firebase is imported only when an FCM transport is built, so importing `notifications` (as
the GraphQL layer does to enqueue) never pulls in firebase-admin.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping

from notifications.config import PushConfig
from notifications.models import PushKind
from notifications.transports.base import Outcome, PushMessage, SendResult, Transport
from notifications.transports.log import LogTransport

logger = logging.getLogger("homeroom.push")

__all__ = [
    "FACTORIES",
    "LogTransport",
    "Outcome",
    "PushMessage",
    "SendResult",
    "Transport",
    "build_transports",
    "close_transports",
]


def _fcm(config: PushConfig) -> Transport | None:
    if not config.fcm_enabled:
        return None
    from notifications.transports.fcm import FcmTransport

    return FcmTransport.from_config(config)


# One entry per channel; a vendor channel adds its module and a line here.
FACTORIES: dict[PushKind, Callable[[PushConfig], Transport | None]] = {PushKind.FCM: _fcm}


def build_transports(config: PushConfig | None = None) -> dict[PushKind, Transport]:
    """The transports the configuration allows. With none configured, every kind goes to the
    log transport and start-up says so. A kind without a transport gets FAILED deliveries."""
    config = config or PushConfig.from_env()
    transports: dict[PushKind, Transport] = {}
    for kind, factory in FACTORIES.items():
        transport = factory(config)
        if transport is not None:
            transports[kind] = transport
    if not transports:
        logger.warning(
            "no push credentials (HOMEROOM_FIREBASE_CREDENTIALS): pushes are logged, not sent"
        )
        log = LogTransport()
        return dict.fromkeys(PushKind, log)
    for kind, transport in transports.items():
        logger.info("push transport for %s: %s", kind, transport.name)
    return transports


async def close_transports(transports: Mapping[PushKind, Transport]) -> None:
    for transport in {id(t): t for t in transports.values()}.values():
        await transport.aclose()

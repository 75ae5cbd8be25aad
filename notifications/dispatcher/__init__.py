"""The dispatcher: turns outbox rows into deliveries, and deliveries into pushes.

One module per job:
- `config`: DispatcherConfig and the retry backoff;
- `eligibility`: who may be pushed and when (consent, category switch, device staleness,
  quiet hours), each rule in its PostgreSQL SQL form and its Python form side by side;
- `planning`: an outbox row expanded, slice by slice, into inbox rows and deliveries;
- `claim`: due deliveries leased to one dispatcher;
- `messages`: the pushes of a claim built, apart from sending them;
- `recording`: what became of each delivery, and an attempt row per push;
- `loop`: `Dispatcher`, the steps put together, and `run_dispatcher`, the loops;
- `sql`: the dialect helpers they share.

Delivery is at-least-once (see `claim`). A category's push profile (priority, TTL, collapse
key) is registered with the category (`notifications.categories.register_category`).
"""

from notifications.dispatcher.claim import Claim
from notifications.dispatcher.config import DeliveryProfile, DispatcherConfig, backoff_seconds
from notifications.dispatcher.loop import Dispatcher, InboxHook, run_dispatcher
from notifications.dispatcher.messages import MAX_PAYLOAD_BYTES, payload_size
from notifications.dispatcher.recording import SendReport

__all__ = [
    "MAX_PAYLOAD_BYTES",
    "Claim",
    "DeliveryProfile",
    "Dispatcher",
    "DispatcherConfig",
    "InboxHook",
    "SendReport",
    "backoff_seconds",
    "payload_size",
    "run_dispatcher",
]

"""The served process's collector settings (server.heap)."""

from __future__ import annotations

import gc

from server.heap import YOUNG_THRESHOLD, settled_heap


def test_startup_objects_are_frozen_while_serving_and_restored_after() -> None:
    before = gc.get_threshold()

    with settled_heap():
        frozen = gc.get_freeze_count()
        threshold = gc.get_threshold()

    assert frozen > 1000  # the modules, the schema and the test session: out of the scans
    assert threshold == (YOUNG_THRESHOLD, *before[1:])
    assert gc.get_freeze_count() == 0
    assert gc.get_threshold() == before

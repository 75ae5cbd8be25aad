"""Per-request DataLoaders: related rows fetched in one query per batch, scoped by viewer.

Made fresh for each request: a loader shared across requests would leak rows between viewers.
`visible(Model)` goes through `Model.visible_to(viewer)`, so a nested object the viewer may not
see resolves to null exactly like `node(id:)` does.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Hashable, Sequence
from typing import Any

from strawberry.dataloader import DataLoader
from tortoise.models import Model

from models.viewer import Viewer


class Loaders:
    def __init__(self, viewer: Viewer) -> None:
        self._viewer = viewer
        self._visible: dict[type[Model], DataLoader[int, Any]] = {}
        self._batches: dict[Hashable, DataLoader[Any, Any]] = {}
        self._granted: dict[type[Model], DataLoader[int, Any]] = {}

    def visible(self, model: type[Model]) -> DataLoader[int, Any]:
        loader = self._visible.get(model)
        if loader is None:
            viewer = self._viewer

            async def load(ids: Sequence[int]) -> list[Any]:
                wanted = sorted(set(ids))
                among = getattr(model, "visible_among", None)  # the same rule, narrowed first
                if among is not None:
                    rows = among(viewer, wanted)
                else:
                    rows = model.visible_to(viewer).filter(pk__in=wanted)  # type: ignore[attr-defined]
                return _in_order(await rows, ids)

            loader = self._visible[model] = DataLoader(load_fn=load)
        return loader

    async def get(self, model: type[Model], pk: int | None) -> Any:
        """The row if the viewer may see it, else None."""
        if pk is None:
            return None
        return await self.visible(model).load(pk)

    def granted_loader(self, model: type[Model]) -> DataLoader[int, Any]:
        """Rows by key alone: only for rows the viewer's access to another row already grants
        under `model`'s own rule (a micro-lesson's lesson: `feed.MicroLesson.lesson`)."""
        loader = self._granted.get(model)
        if loader is None:

            async def load(ids: Sequence[int]) -> list[Any]:
                return _in_order(await model.filter(pk__in=sorted(set(ids))), ids)

            loader = self._granted[model] = DataLoader(load_fn=load)
        return loader

    async def granted(self, model: type[Model], pk: int | None) -> Any:
        """The row by key alone (see `granted_loader`), or None."""
        return None if pk is None else await self.granted_loader(model).load(pk)

    def batch(
        self, key: Hashable, load: Callable[[Sequence[Any]], Awaitable[list[Any]]]
    ) -> DataLoader[Any, Any]:
        """The request's loader for `key`, made with `load` the first time it is asked for."""
        loader = self._batches.get(key)
        if loader is None:
            loader = self._batches[key] = DataLoader(load_fn=load)
        return loader


def _in_order(rows: list[Any], ids: Sequence[int]) -> list[Any]:
    """The rows in the order of `ids`, None where there is none (a DataLoader's answer)."""
    by_id = {row.pk: row for row in rows}
    return [by_id.get(i) for i in ids]

"""Answers a server shares: one computation per (question, store version).

Ten clients asking for the same pair at once start one assessment; the others wait for it and
get the same bytes. An answer is kept (least recently used first out) until the store's content
changes (``frenemy.store.version``), and is served as the bytes it was first serialised to.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any


class _Flight:
    """One computation in progress, which later askers wait for."""

    def __init__(self) -> None:
        self.done = threading.Event()
        self.value: Any = None
        self.error: BaseException | None = None


class SharedAnswers:
    """A bounded map from key to answer where concurrent askers of one key share one computation.
    A failed computation is not remembered: each waiter gets its error, the next asker retries."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._answers: OrderedDict[Hashable, Any] = OrderedDict()
        self._flights: dict[Hashable, _Flight] = {}
        self._lock = threading.Lock()
        self.computed = 0  # how many computations ran (for tests and benchmarks)

    def get(self, key: Hashable, compute: Callable[[], Any]) -> Any:
        with self._lock:
            if key in self._answers:
                self._answers.move_to_end(key)
                return self._answers[key]
            flight = self._flights.get(key)
            leader = flight is None
            if leader:
                flight = self._flights[key] = _Flight()
        assert flight is not None
        if not leader:
            flight.done.wait()
            if flight.error is not None:
                raise flight.error
            return flight.value
        try:
            flight.value = compute()
            self.computed += 1
        except BaseException as exc:
            flight.error = exc
            raise
        finally:
            with self._lock:
                del self._flights[key]
                if flight.error is None:
                    self._answers[key] = flight.value
                    while len(self._answers) > self.size:
                        self._answers.popitem(last=False)
            flight.done.set()
        return flight.value


__all__ = ["SharedAnswers"]

"""How long to wait before asking an away database again.

Doubling waits, capped, each spread by a random share: after a failover fifty PCs that lost
the server at the same moment do not all knock again at the same moment (which would fill
the server's connections at once).
"""

from __future__ import annotations

import random


class Backoff:
    def __init__(
        self, first: float = 0.5, most: float = 30.0, spread: float = 0.2, seed=None
    ) -> None:
        self.first, self.most, self.spread = first, most, spread
        self._rng = random.Random(seed)
        self._next = first

    def next_wait(self) -> float:
        """Seconds to wait now; each call waits about twice as long, up to `most`."""
        wait = self._next
        self._next = min(self._next * 2, self.most)
        return wait * (1 + self._rng.uniform(-self.spread, self.spread))

    def reset(self) -> None:
        """The database answered: the next outage starts with a short wait again."""
        self._next = self.first

"""Failed logins, counted per client address and per user name, so that guessing passwords stops
after a few tries: from one address at many names, or from many addresses at one name.

In memory, per process: a restart forgets the counts, which costs a guesser one more window at
most. The keys tracked are bounded; past the bound the least recently failed go first, and the
address count still holds a guesser who floods names to push out the one being guessed.
"""

from __future__ import annotations

import math
import threading
import time
from collections import OrderedDict, deque
from collections.abc import Callable, Iterable

MAX_KEYS = 100_000


class LoginThrottle:
    """At most `attempts` failures per key in any `window` seconds; then the key waits."""

    def __init__(
        self,
        *,
        attempts: int,
        window: float,
        clock: Callable[[], float] = time.monotonic,
        max_keys: int = MAX_KEYS,
    ) -> None:
        self.attempts = attempts
        self.window = window
        self.clock = clock
        self.max_keys = max_keys
        self._failures: OrderedDict[str, deque[float]] = OrderedDict()
        # Logins run on the thread pool: two at once must not lose a count.
        self._lock = threading.Lock()

    def retry_after(self, keys: Iterable[str]) -> int:
        """Seconds until every key in `keys` may try again; 0 if they all may now."""
        now = self.clock()
        wait = 0.0
        with self._lock:
            for key in keys:
                times = self._recent(key, now)
                if times is not None and len(times) >= self.attempts:
                    wait = max(wait, times[-self.attempts] + self.window - now)
        return math.ceil(wait)

    def failed(self, keys: Iterable[str]) -> None:
        now = self.clock()
        with self._lock:
            for key in keys:
                times = self._recent(key, now)
                if times is None:
                    times = self._failures[key] = deque(maxlen=self.attempts)
                times.append(now)
                self._failures.move_to_end(key)
            while len(self._failures) > self.max_keys:
                self._failures.popitem(last=False)

    def forget(self, key: str) -> None:
        """Clear one key's failures (a user's name, once they log in)."""
        with self._lock:
            self._failures.pop(key, None)

    def _recent(self, key: str, now: float) -> deque[float] | None:
        """The key's failures within the window, older ones dropped; None if none are left."""
        times = self._failures.get(key)
        if times is None:
            return None
        while times and times[0] <= now - self.window:
            times.popleft()
        if not times:
            del self._failures[key]
            return None
        return times

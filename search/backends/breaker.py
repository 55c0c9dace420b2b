"""A circuit breaker that does not flap.

One slow query (a cold node, a garbage-collection pause) must not send every
search to the database. The breaker

- stays **closed** until `SEARCH_BREAKER_FAILURES` failures (timeouts,
  refused connections, 502/503/504, 429) happen within
  `SEARCH_BREAKER_WINDOW` seconds; a failed request alone is answered by the
  database and nothing else changes;
- then **opens** for `SEARCH_BREAKER_SECONDS`: searches go straight to the
  database, costing no timeout;
- then turns **half-open**: the next search probes the cluster while the
  others keep using the database; success closes the breaker, failure opens
  it again for another period.

Every change of state is logged (warning when opening, info otherwise).
State is per process: each worker finds out on its own, after a few failed
requests at most.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import deque

from django.conf import settings

logger = logging.getLogger("search.breaker")

CLOSED, OPEN, HALF_OPEN = "closed", "open", "half-open"


class CircuitBreaker:
    """Closed -> open after several failures in a window; half-open probe."""

    def __init__(self) -> None:
        self.state = CLOSED
        self.failures: deque[float] = deque()
        self.open_until = 0.0
        self.probe_started = 0.0
        self.lock = threading.Lock()

    # Settings are read on use, so tests and operators can change them.
    @property
    def threshold(self) -> int:
        return max(1, int(getattr(settings, "SEARCH_BREAKER_FAILURES", 3)))

    @property
    def window(self) -> float:
        return float(getattr(settings, "SEARCH_BREAKER_WINDOW", 30))

    @property
    def cooldown(self) -> float:
        return float(getattr(settings, "SEARCH_BREAKER_SECONDS", 30))

    def _probe_expired(self, now: float) -> bool:
        # A probe whose caller never reported back (killed thread) must not
        # keep the breaker half-open forever.
        timeout = float(getattr(settings, "SEARCH_TIMEOUT", 1.0))
        return now - self.probe_started > 2 * timeout + 1

    def allow(self) -> bool:
        """May this request use the cluster? (Half-open: only the probe may.)"""
        now = time.monotonic()
        with self.lock:
            if self.state == CLOSED:
                return True
            if self.state == OPEN:
                if now < self.open_until:
                    return False
                self._change(HALF_OPEN, "cool-down over; probing the cluster")
                self.probe_started = now
                return True
            if self._probe_expired(now):
                self.probe_started = now
                return True
            return False

    def is_open(self) -> bool:
        """True while searches skip the cluster without trying it."""
        with self.lock:
            return self.state == OPEN and time.monotonic() < self.open_until

    def success(self) -> None:
        """The cluster answered."""
        with self.lock:
            self.failures.clear()
            if self.state != CLOSED:
                self._change(CLOSED, "the cluster answered")

    def failure(self, reason: str = "") -> None:
        """The cluster did not answer in time, refused, or was overloaded."""
        now = time.monotonic()
        with self.lock:
            if self.state == HALF_OPEN:
                self.open_until = now + self.cooldown
                self._change(
                    OPEN, f"probe failed ({reason}); database for {self.cooldown:g} s"
                )
                return
            if self.state == OPEN:
                return
            self.failures.append(now)
            while self.failures and now - self.failures[0] > self.window:
                self.failures.popleft()
            if len(self.failures) >= self.threshold:
                self.open_until = now + self.cooldown
                self._change(
                    OPEN,
                    f"{len(self.failures)} failures in {self.window:g} s (last: "
                    f"{reason}); database for {self.cooldown:g} s",
                )
            else:
                logger.info(
                    "Search cluster failed (%s); %d of %d failures in %g s before the "
                    "breaker opens",
                    reason,
                    len(self.failures),
                    self.threshold,
                    self.window,
                )

    # Kept for callers of the first release (indexing): a failure.
    trip = failure

    def close(self) -> None:
        """Forget failures and close (tests, settings changes)."""
        with self.lock:
            self.failures.clear()
            self.state = CLOSED
            self.open_until = 0.0

    def _change(self, state: str, why: str) -> None:
        old, self.state = self.state, state
        level = logging.WARNING if state == OPEN else logging.INFO
        logger.log(level, "Search breaker %s -> %s: %s", old, state, why)

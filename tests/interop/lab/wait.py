"""Polling with a deadline. Every wait has a timeout and fails with what was
expected and what was last seen, never a bare "timed out"."""

from __future__ import annotations

import pprint
import time
from typing import Any, Callable


class WaitTimeout(AssertionError):
    """An AssertionError so that pytest reports it as a test failure."""

    def __init__(self, message: str, seen: Any = None):
        super().__init__(message)
        self.seen = seen


class GiveUp(AssertionError):
    """Raised by a check to stop waiting at once (a daemon exited)."""


def wait_for(check: Callable[[], tuple[bool, Any]], timeout: float, expected: str,
             interval: float = 0.2, explain: Callable[[Any], str] | None = None) -> Any:
    """Calls check() until it returns (True, seen); returns seen.

    check() returns (done, seen). An exception from check() (a CLI that is not
    ready yet, half-written JSON) counts as not done, and its text is what was
    seen, except GiveUp, which ends the wait. On timeout raises WaitTimeout naming `expected`, the last `seen` and,
    if given, explain(seen)."""
    deadline = time.monotonic() + timeout
    seen: Any = "<nothing: check never ran>"
    while True:
        try:
            done, seen = check()
            if done:
                return seen
        except GiveUp:
            raise
        except Exception as e:  # noqa: BLE001 - any failure while polling is "not yet"
            seen = f"{type(e).__name__}: {e}"
        if time.monotonic() >= deadline:
            extra = ""
            if explain is not None:
                try:
                    extra = "\n" + explain(seen)
                except Exception:  # noqa: BLE001
                    pass
            raise WaitTimeout(f"timed out after {timeout:g}s waiting for: {expected}\n"
                              f"last seen:\n{fmt(seen)}{extra}", seen)
        time.sleep(interval)


def wait_equal(get: Callable[[], Any], want: Any, timeout: float, what: str, interval: float = 0.2) -> Any:
    """Waits until get() == want; on timeout shows want, the last value and their difference."""
    def check():
        got = get()
        return got == want, got
    return wait_for(check, timeout, what, interval,
                    explain=lambda got: f"expected:\n{fmt(want)}\n{describe_diff(want, got)}")


def fmt(x: Any) -> str:
    return x if isinstance(x, str) else pprint.pformat(x, width=110, sort_dicts=True)


def describe_diff(want: Any, got: Any) -> str:
    """For dicts (route tables): what is missing, unexpected and different."""
    if not isinstance(want, dict) or not isinstance(got, dict):
        return ""
    lines = []
    for k in sorted(set(want) - set(got), key=str):
        lines.append(f"  missing    {k}: {want[k]}")
    for k in sorted(set(got) - set(want), key=str):
        lines.append(f"  unexpected {k}: {got[k]}")
    for k in sorted(set(want) & set(got), key=str):
        if want[k] != got[k]:
            lines.append(f"  different  {k}:\n      want {want[k]}\n      got  {got[k]}")
    return "difference:\n" + "\n".join(lines) if lines else "difference: none"

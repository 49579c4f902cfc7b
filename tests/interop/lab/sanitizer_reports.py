"""Sanitizer reports in the lab daemons' logs.

With an ASan+UBSan (or TSan) build of bgpd (scripts/test-sanitizers), a
finding is printed on the daemon's stderr, which the lab appends to the
process's log (netns.Node.spawn). A report does not always end the daemon
(LeakSanitizer reports at exit; a UBSan build without halt_on_error goes on)
and a test may pass regardless, so the lab looks for reports itself: after
every test (tests/interop/conftest.py) and when a lab closes, which is when
LeakSanitizer's report at exit lands."""

from __future__ import annotations

import re

# The first line of every report: ASan/LSan/TSan "==PID==ERROR: ..." or
# "WARNING: ThreadSanitizer: ...", UBSan "file:line:col: runtime error: ...";
# and the SUMMARY line each of them ends with.
START = re.compile(r"ERROR: (?:Address|Leak|Memory)Sanitizer|WARNING: ThreadSanitizer|: runtime error: |"
                   r"Sanitizer has encountered a fatal error")  # e.g. LeakSanitizer unable to ptrace
SUMMARY = re.compile(r"SUMMARY: \w*Sanitizer")


def reports_in(text: str, context: int = 40) -> list[str]:
    """Each report found in `text`, from its first line to its SUMMARY line
    (or the next report, or `context` lines)."""
    lines = text.splitlines()
    out, i = [], 0
    while i < len(lines):
        if not (START.search(lines[i]) or SUMMARY.search(lines[i])):
            i += 1
            continue
        stop = i + 1
        if not SUMMARY.search(lines[i]):
            while stop < min(len(lines), i + context) and not START.search(lines[stop]):
                stop += 1
                if SUMMARY.search(lines[stop - 1]):
                    break
        out.append("\n".join(lines[i:stop]))
        i = stop
    return out


class SanitizerReportSeen(AssertionError):
    """A lab daemon printed a sanitizer report."""


class LogWatch:
    """Reports in a set of processes' logs (netns.Process) not yet
    complained about: each report fails one check, not every later one."""

    def __init__(self):
        self._seen: dict[str, int] = {}  # log path -> reports already raised

    def new_reports(self, processes) -> list[str]:
        found = []
        for p in processes:
            reports = reports_in(p.log_text())
            old = self._seen.get(p.log_path, 0)
            found += [f"===== {p.name} ({p.log_path}) =====\n{r}" for r in reports[old:]]
            self._seen[p.log_path] = len(reports)
        return found

    def check(self, processes, when: str) -> None:
        found = self.new_reports(processes)
        if found:
            raise SanitizerReportSeen(f"sanitizer report(s) in lab daemon logs {when}:\n" + "\n".join(found))


WATCH = LogWatch()

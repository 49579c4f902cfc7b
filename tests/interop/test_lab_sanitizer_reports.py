"""The lab's check for sanitizer reports in daemon logs
(lab/sanitizer_reports.py) recognizes each sanitizer's report and nothing
in an ordinary bgpd log; a LogWatch complains about each report once."""

import pytest

from lab.sanitizer_reports import LogWatch, SanitizerReportSeen, reports_in

ORDINARY = """2026-11-29 02:42:15.996 info  peer 10.0.1.1 AS65100 [CLIENTS]: session Established
2026-11-29 02:42:17.009 warning peer 10.0.1.1 AS65100 [CLIENTS]: received NOTIFICATION Cease / Administrative Shutdown
2026-11-29 02:42:17.009 info  peer 10.0.0.9: UPDATE error 3/1 (malformed attribute list): runtime of 2 s
"""

REPORTS = {
    "asan": "=================================================================\n"
            "==4242==ERROR: AddressSanitizer: heap-buffer-overflow on address 0x602000000011\n"
            "READ of size 1 at 0x602000000011 thread T1\n    #0 0x55 in meshbgp::wire::Decode bgpd/wire/update.cc:42\n"
            "SUMMARY: AddressSanitizer: heap-buffer-overflow bgpd/wire/update.cc:42 in Decode\n",
    "ubsan": "bgpd/wire/attrs_codec.cc:120:31: runtime error: left shift of 200 by 24 places cannot be "
             "represented in type 'int'\n"
             "SUMMARY: UndefinedBehaviorSanitizer: undefined-behavior bgpd/wire/attrs_codec.cc:120:31\n",
    "lsan": "==4242==ERROR: LeakSanitizer: detected memory leaks\n\nDirect leak of 64 byte(s) in 1 object(s)\n"
            "SUMMARY: AddressSanitizer: 64 byte(s) leaked in 1 allocation(s).\n",
    "tsan": "==================\nWARNING: ThreadSanitizer: data race (pid=4242)\n  Write of size 8 at 0x7b04 by thread T2:\n"
            "SUMMARY: ThreadSanitizer: data race rib/loc_rib.h:166 in Put\n",
}


def test_an_ordinary_log_has_no_report():
    assert reports_in(ORDINARY) == []


@pytest.mark.parametrize("kind", sorted(REPORTS))
def test_each_sanitizer_report_is_found_once(kind):
    found = reports_in(ORDINARY + REPORTS[kind] + ORDINARY)
    assert len(found) == 1, found
    assert "Sanitizer" in found[0]


class FakeProcess:
    def __init__(self, path, text):
        self.name, self.log_path, self.text = "rs/bgpd", path, text

    def log_text(self):
        return self.text


def test_a_watch_raises_for_a_new_report_only():
    p = FakeProcess("/tmp/x/bgpd.log", ORDINARY)
    watch = LogWatch()
    watch.check([p], "now")
    p.text += REPORTS["ubsan"]
    with pytest.raises(SanitizerReportSeen, match="runtime error"):
        watch.check([p], "now")
    watch.check([p], "again")  # the same report, already raised
    p.text += REPORTS["asan"]
    with pytest.raises(SanitizerReportSeen, match="heap-buffer-overflow"):
        watch.check([p], "later")

"""Turns per-run records into the benchmark table: per cell and daemon the
median completion time, CPU seconds and peak RSS over the repetitions, and
each one's ratio to the best *other* daemon (below 1.00x: better than all
of them)."""

from __future__ import annotations

import statistics

METRICS = (("complete_s", "complete (s)", "{:.4f}"),
           ("cpu_s", "CPU (s)", "{:.2f}"),
           ("peak_rss_mb", "peak RSS (MB)", "{:.0f}"))


def medians(records: list[dict], metrics=METRICS) -> dict:
    """{(cell, daemon): {"complete_s", "cpu_s", "peak_rss_mb", "runs", "failed"}}."""
    groups: dict[tuple[str, str], list[dict]] = {}
    for r in records:
        groups.setdefault((r["cell"], r["daemon"]), []).append(r)
    out = {}
    for key, runs in groups.items():
        ok = [r for r in runs if r.get("complete_s") is not None]
        m = {"runs": len(runs), "failed": len(runs) - len(ok)}
        for metric, _, _ in metrics:
            vals = [r[metric] for r in ok if r.get(metric) is not None]
            m[metric] = statistics.median(vals) if vals else None
        if key[1] == "sink":
            vals = [r["written_s"] for r in ok if r.get("written_s") is not None]
            m["written_s"] = statistics.median(vals) if vals else None
        out[key] = m
    return out


def family(daemon: str) -> str:
    """meshbgp-t1 and meshbgp are one daemon: never each other's 'other'."""
    return daemon.split("-")[0]


def table(records: list[dict], cells: list[str], daemons: list[str], metrics=METRICS) -> str:
    """The first metric also gets its ratio to the harness floor (the
    sink's figure for the same metric) when the cell has sink runs."""
    med = medians(records, metrics)
    head = ["cell", "daemon", "runs"]
    for i, (_, title, _) in enumerate(metrics):
        head += [title, "x best other"] + (["x floor"] if i == 0 else [])
    rows = [head]
    for cell in cells:
        for d in daemons:
            m = med.get((cell, d))
            if m is None:
                continue
            row = [cell, d, f"{m['runs'] - m['failed']}/{m['runs']}"]
            floor = med.get((cell, "sink"), {}).get(metrics[0][0])
            for metric, _, fmt in metrics:
                v = m[metric]
                others = [med[(cell, o)][metric] for o in daemons
                          if family(o) != family(d) and (cell, o) in med and med[(cell, o)][metric] is not None]
                row.append(fmt.format(v) if v is not None else "failed")
                row.append(f"{v / min(others):.2f}x" if v is not None and others and min(others) > 0 else "-")
                if metric == metrics[0][0]:
                    row.append(f"{v / floor:.1f}x" if v is not None and floor else "-")
            rows.append(row)
        s = med.get((cell, "sink"))
        if s is not None:
            floor_text = "failed" if s.get("complete_s") is None else (
                f"written in {s['written_s']:.4f} s, all received by the sink in {s['complete_s']:.4f} s")
            rows.append([cell, "harness floor (--sink)", f"{s['runs'] - s['failed']}/{s['runs']}", floor_text])
    # Floor lines (free text after the runs column) do not size the columns.
    widths = [max(len(r[i]) for r in rows if len(r) == len(head) or i < 3) for i in range(len(head))]
    lines = []
    for n, r in enumerate(rows):
        if len(r) < len(head):  # the floor line: free text after the runs column
            lines.append("  ".join(c.ljust(widths[i]) for i, c in enumerate(r[:3])) + "  " + r[3])
        else:
            lines.append("  ".join(c.ljust(widths[i]) for i, c in enumerate(r)).rstrip())
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)

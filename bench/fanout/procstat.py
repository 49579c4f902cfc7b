"""What a daemon costs, read from /proc: CPU seconds (utime + stime) and
peak RSS (VmHWM), summed over the daemon's process and all its
descendants (OpenBGPD's engines are separate processes)."""

from __future__ import annotations

import os

CLK_TCK = os.sysconf("SC_CLK_TCK")


def _stat_fields(pid: int) -> list[str] | None:
    try:
        with open(f"/proc/{pid}/stat") as f:
            data = f.read()
    except OSError:
        return None
    # comm may hold spaces and parentheses: split after the last ')'.
    return data[data.rindex(")") + 2:].split()


def process_tree(root: int) -> list[int]:
    """root and every live descendant."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        fields = _stat_fields(int(entry))
        if fields:
            children.setdefault(int(fields[1]), []).append(int(entry))  # fields[1] is ppid
    out, todo = [], [root]
    while todo:
        pid = todo.pop()
        out.append(pid)
        todo.extend(children.get(pid, []))
    return out


def cpu_seconds(pid: int) -> float:
    fields = _stat_fields(pid)
    if not fields:
        return 0.0
    # utime and stime are fields 14 and 15 of /proc/PID/stat (1-based).
    return (int(fields[11]) + int(fields[12])) / CLK_TCK


def peak_rss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def sample(root: int) -> dict:
    """{"cpu_s", "peak_rss_mb", "processes"} for root's process tree."""
    pids = process_tree(root)
    return {
        "cpu_s": sum(cpu_seconds(p) for p in pids),
        "peak_rss_mb": sum(peak_rss_kb(p) for p in pids) / 1024.0,
        "processes": len(pids),
    }

"""Cheap CPU accounting from Linux's ``/proc`` (psutil is not a dependency).

A process's CPU time is ``utime + stime`` of ``/proc/<pid>/stat`` (fields 14 and 15, in clock
ticks); the host's busy time is the ``cpu`` line of ``/proc/stat`` minus idle and iowait. Both
are sampled before and after a round, and the differences are what the round cost: per role
for the processes this benchmark started (workers, API, Redis, fake upstream, the benchmark
itself), and for the whole host, whose remainder is whatever else the machine was running.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Final

TICKS_PER_S: Final = os.sysconf("SC_CLK_TCK")
CORES: Final = os.cpu_count() or 1
_PPID: Final = 1  # fields after "pid (comm)", counted from 0: state 0, ppid 1, utime 11, stime 12
_UTIME: Final = 11
ROLES: Final = ("workers", "api", "redis", "fake", "benchmark")


@dataclass(frozen=True, slots=True)
class ProcStat:
    """The two things read from a ``/proc/<pid>/stat`` line: parent and CPU ticks so far."""

    ppid: int
    cpu_ticks: int

    @classmethod
    def of_line(cls, stat: str) -> ProcStat:
        """utime + stime and the parent (the command name may hold spaces and parentheses).

        >>> ProcStat.of_line("42 (refcheck (w)) S 7 2 3 4 5 6 7 8 9 10 150 25 0 0")
        ProcStat(ppid=7, cpu_ticks=175)
        """
        fields = stat.rpartition(")")[2].split()
        return cls(int(fields[_PPID]), int(fields[_UTIME]) + int(fields[_UTIME + 1]))


def role_of(argv: Sequence[str]) -> str:
    """Which part of the benchmark a process is, from its command line.

    >>> role_of(["/w/.venv/bin/python", "/w/.venv/bin/refcheck", "worker"])
    'workers'
    >>> role_of(["/usr/bin/redis-server", "--port", "6380"]), role_of(["sleep", "1"])
    ('redis', 'other')
    """
    words = [Path(arg).name for arg in argv]
    if words and words[0].startswith("redis-server"):
        return "redis"
    if "tests.fake_upstream" in words:
        return "fake"
    if "refcheck" in words and "worker" in words:
        return "workers"
    if "refcheck" in words and "serve" in words:
        return "api"
    return "other"


def _read_stat(pid: int) -> ProcStat | None:
    try:
        return ProcStat.of_line(Path(f"/proc/{pid}/stat").read_text())
    except (FileNotFoundError, ProcessLookupError):  # exited since the listing
        return None


def _argv(pid: int) -> list[str]:
    try:
        raw = Path(f"/proc/{pid}/cmdline").read_bytes()
    except (FileNotFoundError, ProcessLookupError):
        return []
    return [part.decode(errors="replace") for part in raw.split(b"\0") if part]


def descendants(root: int, parents: Mapping[int, int]) -> set[int]:
    """Every process below ``root`` in the ``pid -> parent`` map.

    >>> sorted(descendants(1, {2: 1, 3: 2, 4: 9}))
    [2, 3]
    """
    found: set[int] = set()
    frontier = [root]
    while frontier:
        parent = frontier.pop()
        children = [pid for pid, ppid in parents.items() if ppid == parent and pid not in found]
        found.update(children)
        frontier.extend(children)
    return found


def cpu_by_role(root: int | None = None) -> dict[str, float]:
    """CPU seconds used so far by the benchmark (``root``, this process by default) and each
    role of the processes it started, e.g. ``{"workers": 3.1, "api": 0.9, ...}``."""
    root = os.getpid() if root is None else root
    stats = {
        pid: stat
        for pid in (int(name) for name in os.listdir("/proc") if name.isdigit())
        if (stat := _read_stat(pid)) is not None
    }
    totals = dict.fromkeys(ROLES, 0.0)
    mine = descendants(root, {pid: stat.ppid for pid, stat in stats.items()})
    for pid in mine | {root}:
        role = "benchmark" if pid == root else role_of(_argv(pid))
        totals[role] = totals.get(role, 0.0) + stats[pid].cpu_ticks / TICKS_PER_S
    return totals


def cpu_spent(before: Mapping[str, float], after: Mapping[str, float]) -> dict[str, float]:
    """Per role, the CPU seconds between two :func:`cpu_by_role` samples.

    >>> cpu_spent({"workers": 1.0}, {"workers": 1.5, "api": 0.25})
    {'workers': 0.5, 'api': 0.25}
    """
    return {role: after[role] - before.get(role, 0.0) for role in after}


@dataclass(frozen=True, slots=True)
class HostSample:
    """Cumulative busy and total ticks of all cores, from the first line of ``/proc/stat``."""

    busy: int
    total: int

    @classmethod
    def of_line(cls, line: str) -> HostSample:
        """``cpu user nice system idle iowait irq softirq steal ...``; guest time is already
        counted in user, so only the first eight fields make the total.

        >>> HostSample.of_line("cpu  60 0 20 100 20 0 0 0 0 0")
        HostSample(busy=80, total=200)
        """
        ticks = [int(field) for field in line.split()[1:9]]
        idle = ticks[3] + ticks[4]
        return cls(busy=sum(ticks) - idle, total=sum(ticks))

    @classmethod
    def now(cls) -> HostSample:
        return cls.of_line(Path("/proc/stat").read_text().splitlines()[0])


def busy_cores(before: HostSample, after: HostSample, cores: int = CORES) -> float:
    """How many of the host's cores were busy on average between two samples (0..cores).

    >>> busy_cores(HostSample(0, 0), HostSample(busy=150, total=200), cores=2)
    1.5
    """
    total = after.total - before.total
    return cores * (after.busy - before.busy) / total if total > 0 else 0.0

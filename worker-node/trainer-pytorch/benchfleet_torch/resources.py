"""The trainer process's own readings: its age, its resident memory, the machine's memory. Linux /proc only,
as every benchfleet worker node is Linux; each reading degrades to a fallback rather than failing an attempt.
"""
from __future__ import annotations

import os
import time

_PAGE_BYTES = os.sysconf("SC_PAGE_SIZE")
_CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
_MIB = 1 << 20
_GIB = 1 << 30


def process_age_seconds(fallback_start: float) -> float:
    """Seconds since this process started, as the JVM's uptime is for the DL4J trainer.

    From /proc/self/stat's start time (clock ticks since boot, so it includes the interpreter's own start before
    train.py's first line) against CLOCK_BOOTTIME, the clock it counts on. If that cannot be read or does not
    make sense, from fallback_start, the time.monotonic() train.py took at its very top.

    :param fallback_start: time.monotonic() at the top of train.py
    """
    since_top = time.monotonic() - fallback_start
    try:
        with open("/proc/self/stat", encoding="ascii") as stat:
            # The command name (field 2) may hold spaces and parentheses: count the fields after its last ')'.
            fields = stat.read().rsplit(")", 1)[1].split()
        started_ticks = int(fields[19])  # field 22, starttime
        age = time.clock_gettime(time.CLOCK_BOOTTIME) - started_ticks / _CLOCK_TICKS
    except (OSError, IndexError, ValueError, AttributeError):
        return since_top
    # The process started before train.py's first line, and not much more than a minute before it.
    return age if since_top <= age + 0.02 and age < since_top + 60 else since_top


def rss_bytes() -> int:
    """Resident set size now, from /proc/self/statm (pages); 0 when it cannot be read."""
    try:
        with open("/proc/self/statm", encoding="ascii") as statm:
            return int(statm.read().split()[1]) * _PAGE_BYTES
    except (OSError, IndexError, ValueError):
        return 0


def machine_bytes() -> int:
    try:
        return os.sysconf("SC_PHYS_PAGES") * _PAGE_BYTES
    except (OSError, ValueError):
        return 0


def size(bytes_: int) -> str:
    return f"{bytes_ / _GIB:.2f} GiB" if bytes_ >= _GIB else f"{bytes_ // _MIB} MiB"


def describe_memory() -> str:
    """E.g. ``resident 5.20 GiB of the machine's 7.70 GiB``, as an out-of-memory failure reports it."""
    return f"resident {size(rss_bytes())} of the machine's {size(machine_bytes())}"

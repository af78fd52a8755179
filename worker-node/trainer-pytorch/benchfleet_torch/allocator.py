"""glibc malloc settings that make a minibatch's cost independent of what the process allocated before it.

PyTorch's CPU tensors come straight from malloc. glibc serves a request above its mmap threshold with a fresh
mmap and gives it back with munmap when freed, so each minibatch would page-fault its activations in again (and
the kernel zero them). That threshold is dynamic: it starts at 128 KiB and rises to the size of the largest
mmapped block freed so far, up to 32 MiB. Whether a trainer paid therefore depended on its partition's size, by
accident: measured with cnn-medium (12.8 MB activations at batch 128) on 2 threads, 3,100 samples/s when loading
20,000 images had freed a 15.7 MB array (threshold above the activations), 1,180 samples/s with 60,000 images
(a 47 MB array, too big to move the threshold). A benchmark must not measure that.

So the mmap threshold is fixed at glibc's maximum, 32 MiB (which also turns the dynamic adjustment off), and the
trim threshold, which would otherwise hand the heap's free top back to the kernel after each minibatch, at
512 MiB. Peak memory is unchanged; freed activations stay resident for the next minibatch, as DL4J's workspaces
keep theirs. Anyone who sets glibc's malloc variables (MALLOC_MMAP_THRESHOLD_, MALLOC_TRIM_THRESHOLD_,
GLIBC_TUNABLES with glibc.malloc) keeps their own settings; on another C library nothing is changed.
"""
from __future__ import annotations

import ctypes
import os
import platform

_M_TRIM_THRESHOLD = -1
_M_MMAP_THRESHOLD = -3
#: glibc refuses more: HEAP_MAX_SIZE / 2 on 64-bit.
MMAP_THRESHOLD_BYTES = 32 << 20
TRIM_THRESHOLD_BYTES = 512 << 20

_OWN_SETTINGS = ("MALLOC_MMAP_THRESHOLD_", "MALLOC_TRIM_THRESHOLD_", "MALLOC_TOP_PAD_", "MALLOC_MMAP_MAX_")


def configure() -> str:
    """Applies the settings where they apply; returns what it did, for the log."""
    if any(name in os.environ for name in _OWN_SETTINGS) or "glibc.malloc" in os.environ.get("GLIBC_TUNABLES", ""):
        return "malloc: left as the environment sets it"
    if platform.libc_ver()[0] != "glibc":
        return "malloc: not glibc, left alone"
    try:
        libc = ctypes.CDLL("libc.so.6")
        mmap_set = libc.mallopt(_M_MMAP_THRESHOLD, MMAP_THRESHOLD_BYTES) == 1
        trim_set = libc.mallopt(_M_TRIM_THRESHOLD, TRIM_THRESHOLD_BYTES) == 1
    except (OSError, AttributeError) as error:
        return f"malloc: left alone, mallopt unavailable ({error})"
    if not (mmap_set and trim_set):
        return f"malloc: glibc refused mallopt (mmap threshold set: {mmap_set}, trim threshold set: {trim_set})"
    return (f"malloc: glibc mmap threshold {MMAP_THRESHOLD_BYTES >> 20} MiB, trim threshold"
            f" {TRIM_THRESHOLD_BYTES >> 20} MiB")

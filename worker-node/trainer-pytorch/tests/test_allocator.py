"""The malloc settings: applied on glibc, and never over settings the environment makes itself."""
from __future__ import annotations

import os
import platform
import unittest
from unittest import mock

from benchfleet_torch import allocator


class AllocatorTest(unittest.TestCase):
    @unittest.skipUnless(platform.libc_ver()[0] == "glibc", "glibc only")
    def test_glibc_gets_fixed_thresholds(self) -> None:
        with mock.patch.dict(os.environ, {}, clear=False):
            for name in ("MALLOC_MMAP_THRESHOLD_", "MALLOC_TRIM_THRESHOLD_", "MALLOC_TOP_PAD_", "MALLOC_MMAP_MAX_",
                         "GLIBC_TUNABLES"):
                os.environ.pop(name, None)
            self.assertEqual(allocator.configure(), "malloc: glibc mmap threshold 32 MiB, trim threshold 512 MiB")

    def test_the_environments_own_settings_are_kept(self) -> None:
        for variable, value in (("MALLOC_MMAP_THRESHOLD_", "131072"), ("GLIBC_TUNABLES", "glibc.malloc.trim_threshold=1")):
            with mock.patch.dict(os.environ, {variable: value}):
                self.assertEqual(allocator.configure(), "malloc: left as the environment sets it", variable)


if __name__ == "__main__":
    unittest.main()

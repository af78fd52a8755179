#!/usr/bin/python3
"""benchfleet's PyTorch trainer: ``train.py TASK_JSON`` trains one attempt, ``train.py --probe`` says what it offers.

The worker node starts it as ``PYTHON train.py TASK_JSON`` with stdin a pipe it holds open; see README.md and
benchfleet_torch/main.py for the exit statuses. The logic lives in the benchfleet_torch package beside it.
"""
import time

# First, as the fallback start of the process for startupSeconds (resources.process_age_seconds).
PROCESS_START = time.monotonic()

import os  # noqa: E402  # after the clock, on purpose
import sys  # noqa: E402

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from benchfleet_torch.main import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:], PROCESS_START))

"""``train.py --probe``: what a worker node asks at its start, to offer PyTorch in its registration.

Prints one line, {"framework":"pytorch","version":"<torch.__version__>","devices":["cpu"] or ["cpu","gpu"],
"protocolVersion":1}, and exits 0; when torch cannot be imported, one line on stderr naming the interpreter
and the import error, and exit 3.
"""
from __future__ import annotations

import json
import sys

from .failures import one_line
from .task import PROTOCOL_VERSION

TORCH_MISSING = 3


def run() -> int:
    try:
        import torch  # pylint: disable=import-outside-toplevel  # the point is to find out whether it imports
    except Exception as error:  # noqa: BLE001  # any failure to import (a broken CUDA library too) means no torch
        print(one_line(f"trainer-pytorch: cannot import torch with {sys.executable}:"
                       f" {type(error).__name__}: {error}"), file=sys.stderr)
        return TORCH_MISSING
    devices = ["cpu", "gpu"] if torch.cuda.is_available() else ["cpu"]
    print(json.dumps({"framework": "pytorch", "version": torch.__version__, "devices": devices,
                      "protocolVersion": PROTOCOL_VERSION}, separators=(",", ":")), flush=True)
    return 0

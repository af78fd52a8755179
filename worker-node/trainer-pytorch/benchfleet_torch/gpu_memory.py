"""The epoch event's gpuMemBytes: the memory in use on the trainer's GPU after an epoch.

It is the device's total less its free memory as the CUDA driver counts them (cudaMemGetInfo, through
torch.cuda.mem_get_info): the figure the DL4J trainer reports and nvidia-smi shows, so that the two frameworks'
epochs compare. torch.cuda.memory_allocated counts live tensors only: read after the epoch's last minibatch, it
misses the activations that set the footprint. memory_reserved adds the caching allocator's pool but still leaves
out the CUDA context and the cuDNN and cuBLAS workspaces, which DL4J's figure includes. The slot's GPU is the
trainer's alone (CUDA_VISIBLE_DEVICES), so the device's figure is the process's. One driver call per epoch.
"""
from __future__ import annotations

from typing import Protocol

import torch


class DeviceMemoryInfo(Protocol):
    """What torch.cuda offers for it; tests hand in a fake, as no GPU runs them."""

    def mem_get_info(self, device: torch.device) -> tuple[int, int]:
        """Free and total bytes of the device."""
        ...


def used_bytes(device: torch.device, cuda: DeviceMemoryInfo = torch.cuda) -> int | None:
    """Bytes in use on the device; None on a CPU, which has no GPU memory (the event then leaves the field out)."""
    if device.type != "cuda":
        return None
    free, total = cuda.mem_get_info(device)
    return total - free

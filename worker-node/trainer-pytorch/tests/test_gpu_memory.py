"""gpuMemBytes: the GPU's memory in use after an epoch on cuda, left out of the line on a CPU. No GPU runs these
tests: a fake stands in for torch.cuda."""
from __future__ import annotations

import json
import unittest

import torch

from benchfleet_torch import events, gpu_memory

GIB = 1 << 30


class FakeCuda:
    """torch.cuda's mem_get_info for a 16 GiB GPU with 5 GiB free; records the devices asked about."""

    def __init__(self) -> None:
        self.asked: list[torch.device] = []

    def mem_get_info(self, device: torch.device) -> tuple[int, int]:
        self.asked.append(device)
        return 5 * GIB, 16 * GIB


def epoch_event(gpu_mem_bytes: int | None) -> events.Event:
    return events.epoch(epoch=1, seconds=2.0, samples_per_second=500.0, train_loss=0.5, train_accuracy=0.8,
                        test_loss=0.6, test_accuracy=0.7, rss_bytes=1000, gpu_mem_bytes=gpu_mem_bytes)


class GpuMemoryTest(unittest.TestCase):
    def test_on_cuda_it_is_the_devices_total_less_its_free_memory(self) -> None:
        cuda = FakeCuda()
        device = torch.device("cuda", 0)

        self.assertEqual(gpu_memory.used_bytes(device, cuda), 11 * GIB)
        self.assertEqual(cuda.asked, [device])

    def test_a_cpu_has_none_and_cuda_is_not_asked(self) -> None:
        cuda = FakeCuda()

        self.assertIsNone(gpu_memory.used_bytes(torch.device("cpu"), cuda))
        self.assertEqual(cuda.asked, [])

    def test_the_epoch_line_carries_it_on_a_gpu(self) -> None:
        line = json.loads(events.encode(epoch_event(11 * GIB)))

        self.assertEqual(line["gpuMemBytes"], 11 * GIB)

    def test_the_epoch_line_leaves_it_out_on_a_cpu(self) -> None:
        self.assertNotIn("gpuMemBytes", json.loads(events.encode(epoch_event(None))))


if __name__ == "__main__":
    unittest.main()

"""Which exception is which failure kind, and the one-line messages the failed event carries."""
from __future__ import annotations

import unittest

from benchfleet_torch.failures import (BAD_INPUT, DATA_UNAVAILABLE, DIVERGED, ERROR, OUT_OF_MEMORY, TRAINER_KINDS,
                                       BadInput, DataUnavailable, Diverged, Failure, TrainerFailure, classify)


class ClassifyTest(unittest.TestCase):
    def test_the_trainers_own_failures_keep_their_kind_and_message(self) -> None:
        self.assertEqual(classify(BadInput("threads: missing")), Failure(BAD_INPUT, "threads: missing"))
        self.assertEqual(classify(DataUnavailable("gone")).kind, DATA_UNAVAILABLE)
        self.assertEqual(classify(Diverged("training loss is nan")).kind, DIVERGED)
        self.assertEqual(classify(TrainerFailure("no CUDA")).kind, ERROR)

    def test_allocation_failures_are_out_of_memory_with_the_memory_figures(self) -> None:
        cpu = RuntimeError("[enforce fail at alloc_cpu.cpp:75] DefaultCPUAllocator: can't allocate memory: you tried"
                           " to allocate 80000000000 bytes. Error code 12 (Cannot allocate memory)")
        cuda = RuntimeError("CUDA out of memory. Tried to allocate 20.00 GiB (GPU 0; 139.8 GiB total capacity)")
        for error in (cpu, cuda, MemoryError()):
            failure = classify(error, memory=lambda: "resident 1 GiB of the machine's 8 GiB")
            self.assertEqual(failure.kind, OUT_OF_MEMORY, error)
            self.assertTrue(failure.message.startswith("out of memory: "), failure)
            self.assertTrue(failure.message.endswith(" (resident 1 GiB of the machine's 8 GiB)"), failure)

    def test_an_allocation_failure_among_the_causes_counts(self) -> None:
        try:
            try:
                raise MemoryError("numpy could not allocate")
            except MemoryError as cause:
                raise ValueError("loading failed") from cause
        except ValueError as error:
            self.assertEqual(classify(error).kind, OUT_OF_MEMORY)

    def test_anything_else_is_error_with_its_type_and_one_line(self) -> None:
        failure = classify(RuntimeError("first line\n  second line\n"))

        self.assertEqual(failure, Failure(ERROR, "RuntimeError: first line second line"))

    def test_memory_figures_are_read_only_for_out_of_memory(self) -> None:
        def refuse() -> str:
            raise AssertionError("read for a failure that is not out of memory")

        self.assertEqual(classify(ValueError("x"), memory=refuse), Failure(ERROR, "ValueError: x"))

    def test_a_long_message_is_cut(self) -> None:
        self.assertLess(len(classify(RuntimeError("x" * 100_000)).message), 2100)

    def test_only_the_kinds_a_trainer_may_report(self) -> None:
        self.assertEqual(TRAINER_KINDS, {"BAD_INPUT", "DIVERGED", "ERROR", "OUT_OF_MEMORY", "DATA_UNAVAILABLE"})


if __name__ == "__main__":
    unittest.main()

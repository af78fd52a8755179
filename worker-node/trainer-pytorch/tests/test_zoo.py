"""Every zoo architecture built in torch has the trainable parameter count the protocol quotes for it.

The zoo comes from the coordinator (`bin/coordinator architectures --json`, which run-tests writes to a temporary
file): a JSON array of architectures as TrainerTask's "architecture" field, each with "parameters" added.
"""
from __future__ import annotations

import json
import os
import unittest

from benchfleet_torch import network
from benchfleet_torch.task import parse_architecture

ZOO_VARIABLE = "BENCHFLEET_ZOO_JSON"


@unittest.skipUnless(os.environ.get(ZOO_VARIABLE),
                     f"{ZOO_VARIABLE} is not set: run-tests sets it to `bin/coordinator architectures --json`")
class ZooParameterCountTest(unittest.TestCase):
    def test_every_architecture_has_the_zoos_parameter_count(self) -> None:
        with open(os.environ[ZOO_VARIABLE], encoding="utf-8") as file:
            zoo = json.load(file)
        self.assertIsInstance(zoo, list)
        self.assertGreater(len(zoo), 0)
        for index, document in enumerate(zoo):
            with self.subTest(document.get("name", index)):
                architecture = parse_architecture(document, f"zoo[{index}]")
                built = network.build(architecture, architecture.input)
                self.assertEqual(network.parameter_count(built), document["parameters"])
                self.assertEqual(network.total_parameter_count(built), document["totalParameters"])
                # The Python port of the protocol's formulas agrees too.
                self.assertEqual(architecture.parameter_count(architecture.input), document["parameters"])


if __name__ == "__main__":
    unittest.main()

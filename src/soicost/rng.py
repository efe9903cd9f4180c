"""The one place random generators are made.

Every random variable of the model draws from its own stream, named after what it is
("quote:piaf", "elasticity:users", "app:payroll:uncertainty"). A stream depends only on the
seed and its name, so results do not depend on block sizes, worker counts, or the order in
which variables are drawn, and adding an application leaves the others' draws unchanged.
"""

from __future__ import annotations

import hashlib

import numpy as np

from soicost.defaults import DEFAULT_SEED

__all__ = ["DEFAULT_SEED", "generator"]


def generator(seed: int, name: str) -> np.random.Generator:
    """A generator for the random variable ``name`` under ``seed``."""
    digest = hashlib.sha256(name.encode("utf-8")).digest()
    key = tuple(int.from_bytes(digest[i : i + 4], "little") for i in range(0, 16, 4))
    return np.random.Generator(np.random.PCG64(np.random.SeedSequence(seed, spawn_key=key)))

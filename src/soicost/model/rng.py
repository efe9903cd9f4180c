"""The one place random generators are made.

Every random variable of the model draws from its own stream, named after what it is
("quote:piaf", "elasticity:users", "app:payroll:uncertainty"). A stream depends only on the
seed and its name, so results do not depend on block sizes, worker counts, or the order in
which variables are drawn, and adding an application leaves the others' draws unchanged.

Sensitivity analysis needs two more things, both explicit values rather than global state:
a :class:`StreamSeeds` gives some streams another seed (to resample one group of inputs
while the others keep their draws), and a :class:`Quantile` stands in for a generator whose
every draw is one quantile of its distribution (to set an input at its P10 or P90).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from soicost.defaults import DEFAULT_SEED

__all__ = ["DEFAULT_SEED", "Quantile", "Seed", "StreamSeeds", "derived_seed", "generator"]


@dataclass(frozen=True)
class Quantile:
    """Not random: every draw of a distribution through it is its ``q``-quantile."""

    q: float


@dataclass(frozen=True)
class StreamSeeds:
    """A seed (or a quantile) per stream: ``default``, unless an override's test matches."""

    default: int | Quantile
    overrides: tuple[tuple[Callable[[str], bool], int | Quantile], ...] = field(default=())
    seen: set[str] | None = field(default=None, compare=False)

    def resolve(self, name: str) -> int | Quantile:
        if self.seen is not None:
            self.seen.add(name)
        for matches, value in self.overrides:
            if matches(name):
                return value
        return self.default


Seed = int | StreamSeeds


def generator(seed: Seed, name: str) -> np.random.Generator | Quantile:
    """A generator for the random variable ``name`` under ``seed``."""
    if isinstance(seed, StreamSeeds):
        resolved = seed.resolve(name)
        if isinstance(resolved, Quantile):
            return resolved
        seed = resolved
    digest = hashlib.sha256(name.encode("utf-8")).digest()
    key = tuple(int.from_bytes(digest[i : i + 4], "little") for i in range(0, 16, 4))
    return np.random.Generator(np.random.PCG64(np.random.SeedSequence(seed, spawn_key=key)))


def derived_seed(seed: int, name: str) -> int:
    """A seed of its own for one replicate of a whole model (``backtest:reference:p12``), so
    that replicates do not share draws: a 63-bit integer from the seed and the name."""
    digest = hashlib.sha256(f"{seed}\x00{name}".encode()).digest()
    return int.from_bytes(digest[:8], "little") >> 1

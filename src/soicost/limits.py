"""Bounds on the options that size a run, checked by the library so that Python callers get
the same refusals as the command line. Importable without numpy (``--help`` quotes them).
"""

from __future__ import annotations

from soicost.errors import UsageError
from soicost.i18n import Count, Said

MIN_SAMPLES = 100
# Memory grows linearly with the samples, and a run that exhausts it is killed without a
# message. Measured on the bundled data (45 applications, 3 scenarios over 2023-2030) with
# `/usr/bin/time -f %M soicost -q estimate --samples N > /dev/null` (peak RSS, KiB):
# 361,484 at N = 100,000; 1,231,120 at 400,000; 2,878,688 at 1,000,000; 5,644,472 at
# 2,000,000: about 2.8 KiB a sample on top of 90 MB (--workers 1: 2,844,924 at 1,000,000;
# compare: 2,879,832). `sensitivity --figure delta:transfer-thirds --samples 1000000` peaks
# at 1,574,468 and `report --samples 1000000 --sensitivity-samples 1000000` at 2,881,068.
# So 1,000,000 samples (ten times the default) keep every command under 3 GiB on these data.
MAX_SAMPLES = 1_000_000
MAX_SEED = 2**63 - 1
# Each worker thread holds one block of applications' samples, so memory grows with the
# workers too: `soicost -q estimate --data DIR --samples 1000000 --workers W` on 1,000
# applications (`benchmarks/generate.py DIR 1000`) peaks at 2,901,380 KiB with W = 2,
# 3,005,708 with 8 and 4,622,852 with 32 (and is no faster on this 2-CPU machine).
MAX_WORKERS = 8


def check_samples(samples: int, option: str = "samples") -> None:
    """Refuse a number of samples that cannot estimate a P10 or that would exhaust memory."""
    if samples < MIN_SAMPLES:
        raise UsageError(Said("must be at least {min} (got {got}): fewer cannot estimate a "
                              "P10 or P90", min=MIN_SAMPLES, got=samples), option=option)
    if samples > MAX_SAMPLES:
        raise UsageError(Said(
            "must be at most {max} (got {got}): memory grows with the samples, and {max} "
            "take up to about 3 GB on the bundled data; give {option} {limit} or fewer",
            max=Count(MAX_SAMPLES), got=_shown(samples), limit=MAX_SAMPLES), option=option)


def check_sensitivity_samples(samples: int) -> None:
    """``report --sensitivity-samples``: 0 leaves the analyses out; otherwise the bounds of
    ``--samples`` (below 100, the analyses take 100)."""
    if samples < 0:
        raise UsageError(Said("must be 0 (no sensitivity analysis) or positive (got {got})",
                              got=_shown(samples)), option="sensitivity_samples")
    if samples > MAX_SAMPLES:
        check_samples(samples, "sensitivity_samples")


def check_workers(workers: int | None) -> None:
    """Refuse a number of threads that would hold too many blocks of samples at once."""
    if workers is not None and not 1 <= workers <= MAX_WORKERS:
        raise UsageError(Said("must be from 1 to {max} (got {got}): each worker holds a block "
                              "of samples in memory; results are the same whatever the number",
                              max=MAX_WORKERS, got=_shown(workers)), option="workers")


def check_seed(seed: int) -> None:
    """Refuse a seed outside 64-bit integers: numpy would take it, but the JSON output and the
    tools that read it could not hold it exactly."""
    if not 0 <= seed <= MAX_SEED:
        raise UsageError(Said("must be a whole number from 0 to 2**63 - 1 (got {got})",
                              got=_shown(seed, grouped=False)), option="seed")


def _shown(value: int, grouped: bool = True) -> object:
    if abs(value).bit_length() > 100:  # nobody reads a 30-digit number
        return Said("a number of {digits} digits", digits=digits(value))
    return Count(value) if grouped else str(value)


def digits(value: int) -> str:
    """How many decimal digits ``value`` has ("about N" beyond the 4300 that Python prints)."""
    try:
        return str(len(str(abs(value))))
    except ValueError:
        return Said("about {n}", n=Count(int(abs(value).bit_length() * 0.30103) + 1))

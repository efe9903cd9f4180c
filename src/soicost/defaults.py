"""Defaults the command line needs before anything heavy is imported."""

DEFAULT_SEED = 20220518  # the date of the SOI letter that asked the question
DEFAULT_SAMPLES = 100_000

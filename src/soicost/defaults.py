"""Defaults the command line needs before anything heavy is imported."""

DEFAULT_SEED = 20220518  # the date of the SOI letter that asked the question
DEFAULT_SAMPLES = 100_000
# soicost backtest: samples per prediction (P10 and P90 placed within about ±0.7 points),
# known quotes in the fit protocol, and random sets of them.
BACKTEST_SAMPLES = 2000
BACKTEST_QUOTES = 5
BACKTEST_REPLICATES = 100

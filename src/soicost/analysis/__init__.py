"""Analysis: estimates, explanations, sensitivity, backtests and summaries, built
on the model and finance.
"""

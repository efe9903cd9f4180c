"""The cost model: named random streams, sampling, the plan (plain data) and the
engine (pure numpy functions over it).
"""

"""Finance: amortisation (M57, M14), constant and current euros, asset values and
the scenarios' year-by-year costs.
"""

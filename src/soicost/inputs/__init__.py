"""Inputs: reading the YAML files and history files, the quantity grammar, the
validated models and the checks across fields and files.
"""

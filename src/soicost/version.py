"""The version of soicost: one place, importable by every layer without loading anything."""

__version__ = "0.1.0"

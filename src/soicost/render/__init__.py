"""Renderers: turn results into tables, JSON, CSV and Markdown. No computation here."""

"""Readers: what comes into qtreport. yaml.py reads the report's YAML sources with the place
of every key and item."""

"""Public Q&A views: asking and following (asking.py), reading (reading.py)."""

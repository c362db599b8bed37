"""Views of the needs app: needs (needs.py), answers (answers.py), felt sense (feltsense.py)."""

"""Views of the moments app: moments (moments.py), links (links.py), repair (repair.py),
the pause (pause.py)."""

"""Django management commands for the coach (thin wrappers around haven.coach.cli)."""

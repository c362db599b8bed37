"""Background jobs of this app, run by `haven worker` (haven.core.worker)."""

from haven.checkins.reminders import send_due

JOBS = [send_due]

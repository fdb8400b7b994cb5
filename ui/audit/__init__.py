"""The supervisors' audit viewer: recent entries and the tamper check."""

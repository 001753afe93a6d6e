"""Scheduled handlers for the schedule tests (found by dotted path, like the real ones)."""

CALLS: list[str] = []


def record_call():
    CALLS.append("ran")
    return "berhasil"


def fail():
    raise OSError("disk penuh")

"""Handlers the job tests run through the real runner (importable by dotted path)."""

from smart.jobs.runner import JobFailure
from smart.jobs.services import job_cancel


def count_to(job, run):
    """Counts to ``params["n"]``, keeping a checkpoint; ``stop_at`` dies there once."""
    n = job.params["n"]
    start = job.state.get("next", 0)
    seen = list(job.state.get("seen", []))
    for i in range(start, n):
        if i == job.params.get("stop_at") and job.attempts == 1:
            raise SystemExit("the worker was killed")  # not caught by the runner
        seen.append(i)
        run.save_state({"next": i + 1, "seen": seen})
        run.progress(i + 1, n, message=f"{i + 1} dari {n}")
    return {"seen": seen, "attempts": job.attempts}


def read_unknown_length(job, run):
    """Reads rows of a file whose length is not known beforehand (an import preview)."""
    for i in range(job.params["n"]):
        run.progress(i + 1, None, message=f"{i + 1} baris")
    return {}


def refuse(job, run):
    raise JobFailure("Berkas tidak dapat dibaca: kolom NIP tidak ada.")


def crash(job, run):
    raise ZeroDivisionError("bug")


def cancel_midway(job, run):
    for i in range(10):
        if i == 3:
            job_cancel(job, actor=job.owner)  # the owner presses "Batalkan" meanwhile
        run._last_write = 0  # report every step
        run.progress(i + 1, 10)
    return {"finished": True}


def write_report(job, run):
    run.write_file("laporan duk.xlsx", b"PK\x03\x04 fake xlsx bytes")
    return {"rows": 1}

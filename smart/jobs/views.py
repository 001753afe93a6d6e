"""The pages of a background job: my jobs, one job's progress (polled by htmx),
cancel, resume, and the result file. A job is its owner's; anyone else gets 404."""

from __future__ import annotations

import mimetypes

from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from smart.jobs.models import Job, JobStatus
from smart.jobs.runner import job_directory
from smart.jobs.services import JobError, get_job_for_user_or_404, job_cancel, job_resume


def job_list(request):
    jobs = Job.objects.visible_to(request.user)[:50]
    return render(request, "jobs/job_list.html", {"jobs": jobs})


def job_detail(request, job_id):
    job = get_job_for_user_or_404(request.user, job_id)
    template = "jobs/job_detail.html"
    if request.htmx:
        template += "#progress"
    response = render(request, template, {"job": job, "JobStatus": JobStatus})
    if request.htmx and job.is_finished:
        # Let the whole page show the result (links, next step) once it is done.
        response["HX-Refresh"] = "true"
    return response


def _job_move(request, job_id, move, done_message: str):
    job = get_job_for_user_or_404(request.user, job_id)
    try:
        move(job, actor=request.user)
        messages.info(request, done_message)
    except JobError as error:
        messages.warning(request, str(error))
    return redirect("jobs:detail", job_id=job.pk)


@require_POST
def job_cancel_view(request, job_id):
    return _job_move(request, job_id, job_cancel,
                     _("Cancellation requested: the job stops at its next step."))


@require_POST
def job_resume_view(request, job_id):
    return _job_move(request, job_id, job_resume,
                     _("The job is back in the queue and goes on from where it stopped."))


def job_file(request, job_id):
    job = get_job_for_user_or_404(request.user, job_id)
    if job.status != JobStatus.SUCCEEDED or not job.result_file:
        raise Http404
    path = job_directory(job) / job.result_file
    if not path.is_file():
        raise Http404
    content_type = mimetypes.guess_type(job.result_file)[0] or "application/octet-stream"
    return FileResponse(path.open("rb"), as_attachment=True, filename=job.result_file,
                        content_type=content_type)

"""A job's state for the page that waits for it, and a retry. Permission rules are the apps'
(`jobs.view_job`, `jobs.retry_job`), asked through the user like everywhere else."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404
from django.template.defaultfilters import filesizeformat
from django.views import View

from gtr_portal.core.errors import DomainError
from gtr_portal.core.redirects import safe_next_url

from .models import Job
from .services import job_retry


def _visible_job(request, pk: int) -> Job:
    job = get_object_or_404(Job, pk=pk)
    if not request.user.has_perm("jobs.view_job", job):
        raise Http404
    return job


class JobStatusView(LoginRequiredMixin, View):
    def get(self, request, pk: int):
        job = _visible_job(request, pk)
        result = job.result or {}
        return JsonResponse(
            {
                "id": job.pk,
                "status": job.status,
                "status_label": str(job.get_status_display()),
                "progress": job.progress,
                "error": job.error,
                "result": result,
                "sizes": {
                    language: filesizeformat(item.get("size", 0))
                    for language, item in result.items()
                    if isinstance(item, dict)
                },
                "finished_at": job.finished_at.isoformat() if job.finished_at else None,
            }
        )


class JobRetryView(LoginRequiredMixin, View):
    http_method_names = ["post"]

    def post(self, request, pk: int):
        job = _visible_job(request, pk)
        if not request.user.has_perm("jobs.retry_job", job):
            raise Http404
        try:
            job_retry(job=job, requested_by=request.user)
        except DomainError as error:
            messages.error(request, error.message)
        return HttpResponseRedirect(safe_next_url(request, default="/"))

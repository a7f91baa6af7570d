"""Meetings: the list, a meeting's page and its documents."""

from django.http import FileResponse
from django.shortcuts import get_object_or_404
from django.views.generic import DetailView, TemplateView, View

from .. import selectors
from ..models import MeetingDocument


class MeetingListView(TemplateView):
    template_name = "recommendations/meeting_list.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(**selectors.meeting_list(), **kwargs)


class MeetingDetailView(DetailView):
    template_name = "recommendations/meeting_detail.html"
    context_object_name = "meeting"

    def get_object(self, queryset=None):
        return selectors.meeting_get(slug=self.kwargs["slug"])


class MeetingDocumentDownloadView(View):
    def get(self, request, slug: str, pk: int):
        document = get_object_or_404(MeetingDocument, pk=pk, meeting__slug=slug)
        return FileResponse(
            document.file.open("rb"),
            as_attachment=True,
            filename=document.file.name.rsplit("/", 1)[-1],
        )

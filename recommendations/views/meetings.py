"""Meetings: the list, a meeting's page, its documents, and the secretariat's workspace."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import DetailView, TemplateView, View
from rules.contrib.views import PermissionRequiredMixin

from gtr_portal.core.content_cache import content_cached
from gtr_portal.core.errors import DomainError
from gtr_portal.core.files import stored_file_response
from gtr_portal.core.forms import add_domain_error
from gtr_portal.core.pagination import page_of

from .. import selectors, services
from ..forms import (
    MeetingDocumentForm,
    MeetingForm,
    MeetingParticipantsForm,
    MeetingPersonForm,
)
from ..models import MeetingDocument, MeetingPerson


class MeetingListView(TemplateView):
    template_name = "recommendations/meeting_list.html"
    paginate_by = 25

    def get_context_data(self, **kwargs):
        meetings = selectors.meeting_list()
        page = page_of(meetings["past"], self.paginate_by, self.request.GET.get("page"))
        return super().get_context_data(
            upcoming=meetings["upcoming"], past=page.object_list, page=page, **kwargs
        )


class MeetingDetailView(DetailView):
    template_name = "recommendations/meeting_detail.html"
    context_object_name = "meeting"

    def get_object(self, queryset=None):
        return selectors.meeting_get(slug=self.kwargs["slug"], user=self.request.user)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            review_date=selectors.meeting_review_date(meeting=self.object),
            proposals=selectors.meeting_proposals(meeting=self.object),
            **kwargs,
        )


class MeetingReviewView(DetailView):
    """The earlier recommendations a meeting reviews, with their state on its first day: a page
    of its own, paged (7,000 rows at today's data times ten)."""

    template_name = "recommendations/meeting_review.html"
    context_object_name = "meeting"
    paginate_by = 50

    def get_object(self, queryset=None):
        return selectors.meeting_alone(slug=self.kwargs["slug"])

    def get_context_data(self, **kwargs):
        meeting, number = self.object, self.request.GET.get("page")
        # Read once per page and day until content changes (gtr_portal/core/content_cache.py).
        key = f"meeting-review:{meeting.pk}:{timezone.localdate()}:{number}"
        review = content_cached(
            key,
            lambda: selectors.meeting_review(
                meeting=meeting, page=number, per_page=self.paginate_by
            ),
        )
        return super().get_context_data(
            review=review,
            page=review["page"],
            review_list_url=selectors.meeting_review_list_url(meeting=meeting),
            **kwargs,
        )


class MeetingDocumentDownloadView(View):
    """Public documents for everyone; members-only ones for the people of the group; 404 for
    others, so that a document's existence is not given away."""

    def get(self, request, slug: str, pk: int):
        document = selectors.meeting_document_get(slug=slug, pk=pk, user=request.user)
        return stored_file_response(
            request,
            storage=document.file.storage,
            name=document.file.name,
            filename=document.download_name,
            as_attachment=True,
            public=document.is_public,
            content_type=document.content_type or None,
        )


# --- The secretariat's workspace -----------------------------------------------------------


class _WorkspaceMixin:
    """The workspace page: the meeting's details, its named persons and its documents, each
    with its own form; a form in error is shown again with the others as they were."""

    template_name = "recommendations/meeting_form.html"

    def meeting(self):
        if not hasattr(self, "_meeting"):
            self._meeting = selectors.meeting_for_workspace(slug=self.kwargs["slug"])
        return self._meeting

    def get_permission_object(self):
        return self.meeting()

    def workspace_context(self, **forms) -> dict:
        meeting = self.meeting()
        may_change = self.request.user.has_perm("recommendations.change_meeting", meeting)
        context = {
            "meeting": meeting,
            "may_change": may_change,
            "form": forms.get("form") or MeetingForm(instance=meeting),
            "participants_form": forms.get("participants_form")
            or MeetingParticipantsForm(meeting=meeting),
            "person_form": forms.get("person_form") or MeetingPersonForm(),
            "document_form": forms.get("document_form") or MeetingDocumentForm(),
        }
        if not may_change:  # supervisors read the workspace
            for name in ("form", "participants_form"):
                for field in context[name].fields.values():
                    field.disabled = True
        return context

    def workspace_url(self, anchor: str = "") -> str:
        url = reverse("recommendations:meeting-edit", kwargs={"slug": self.meeting().slug})
        return f"{url}#{anchor}" if anchor else url

    def render_workspace(self, **forms):
        return render(self.request, self.template_name, self.workspace_context(**forms))


class MeetingCreateView(PermissionRequiredMixin, TemplateView):
    template_name = "recommendations/meeting_form.html"
    permission_required = "recommendations.add_meeting"

    def get_context_data(self, **kwargs):
        kwargs.setdefault("form", MeetingForm())
        kwargs.setdefault("participants_form", MeetingParticipantsForm())
        return super().get_context_data(may_change=True, **kwargs)

    def post(self, request):
        form = MeetingForm(request.POST)
        participants_form = MeetingParticipantsForm(request.POST)
        if form.is_valid() and participants_form.is_valid():
            try:
                meeting = services.meeting_create(
                    user=request.user,
                    data=form.meeting_data(),
                    participants=participants_form.actors(),
                    chair_name=form.cleaned_data["chair_name"],
                    chair_actor=form.cleaned_data["chair_actor"],
                )
            except DomainError as error:
                add_domain_error(form, error)
            else:
                messages.success(
                    request,
                    _("The meeting is created. Add its named persons and documents below."),
                )
                return HttpResponseRedirect(
                    reverse("recommendations:meeting-edit", kwargs={"slug": meeting.slug})
                )
        context = self.get_context_data(form=form, participants_form=participants_form)
        return self.render_to_response(context)


class MeetingUpdateView(PermissionRequiredMixin, _WorkspaceMixin, View):
    permission_required = "recommendations.view_meeting_workspace"

    def get(self, request, slug: str):
        return self.render_workspace()

    def post(self, request, slug: str):
        meeting = self.meeting()
        if not request.user.has_perm("recommendations.change_meeting", meeting):
            raise PermissionDenied
        form = MeetingForm(request.POST, instance=meeting)
        participants_form = MeetingParticipantsForm(request.POST, meeting=meeting)
        if form.is_valid() and participants_form.is_valid():
            try:
                services.meeting_update(
                    meeting=meeting,
                    user=request.user,
                    data=form.meeting_data(),
                    participants=participants_form.actors(),
                    chair_name=form.cleaned_data["chair_name"],
                    chair_actor=form.cleaned_data["chair_actor"],
                )
            except DomainError as error:
                add_domain_error(form, error)
            else:
                messages.success(request, _("The meeting's details are saved."))
                return HttpResponseRedirect(meeting.get_absolute_url())
        return self.render_workspace(form=form, participants_form=participants_form)


class _WorkspaceActionView(PermissionRequiredMixin, _WorkspaceMixin, View):
    permission_required = "recommendations.change_meeting"


class MeetingPersonAddView(_WorkspaceActionView):
    def post(self, request, slug: str):
        form = MeetingPersonForm(request.POST)
        if form.is_valid():
            try:
                services.meeting_person_add(
                    meeting=self.meeting(),
                    user=request.user,
                    name=form.cleaned_data["name"],
                    role=form.cleaned_data["role"],
                    actor=form.cleaned_data["actor"],
                    organisation=form.cleaned_data["organisation"],
                )
            except DomainError as error:
                add_domain_error(form, error)
            else:
                messages.success(request, _("The person is added."))
                return HttpResponseRedirect(self.workspace_url("persons"))
        return self.render_workspace(person_form=form)


class MeetingPersonRemoveView(_WorkspaceActionView):
    def post(self, request, slug: str, pk: int):
        person = get_object_or_404(MeetingPerson, pk=pk, meeting=self.meeting())
        services.meeting_person_remove(person=person, user=request.user)
        messages.success(request, _("The person is removed."))
        return HttpResponseRedirect(self.workspace_url("persons"))


class MeetingDocumentAddView(_WorkspaceActionView):
    def post(self, request, slug: str):
        form = MeetingDocumentForm(request.POST, request.FILES)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.meeting_document_add(
                    meeting=self.meeting(),
                    user=request.user,
                    upload=data["file"],
                    kind=data["kind"],
                    language=data["language"],
                    visibility=data["visibility"],
                    title_fr=data.get("title_fr") or "",
                    title_en=data.get("title_en") or "",
                )
            except DomainError as error:
                add_domain_error(form, error)
            else:
                messages.success(request, _("The document is added."))
                return HttpResponseRedirect(self.workspace_url("documents"))
        return self.render_workspace(document_form=form)


class MeetingDocumentRemoveView(_WorkspaceActionView):
    def post(self, request, slug: str, pk: int):
        document = get_object_or_404(MeetingDocument, pk=pk, meeting=self.meeting())
        services.meeting_document_remove(document=document, user=request.user)
        messages.success(request, _("The document is removed."))
        return HttpResponseRedirect(self.workspace_url("documents"))


class MeetingDocumentVisibilityView(_WorkspaceActionView):
    """Publish a members-only document (draft minutes once adopted), or withdraw it."""

    def post(self, request, slug: str, pk: int):
        document = get_object_or_404(MeetingDocument, pk=pk, meeting=self.meeting())
        visibility = request.POST.get("visibility")
        if visibility in MeetingDocument.Visibility.values:
            services.meeting_document_change_visibility(
                document=document, user=request.user, visibility=visibility
            )
            messages.success(request, _("The document's visibility is changed."))
        return HttpResponseRedirect(self.workspace_url("documents"))

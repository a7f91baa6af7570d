"""Pages of recommendations and of their follow-up: the home page, the list, a recommendation,
progress updates and their review, my actions, calendars."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404, HttpResponse, HttpResponseRedirect, QueryDict
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import DetailView, FormView, TemplateView, View
from rules.contrib.views import PermissionRequiredMixin

from commissions.selectors import governance_summary
from gtr_portal.core.content_cache import (
    CSRF_PLACEHOLDER,
    content_cached,
    csrf_filled,
    query_key,
    shared_fragment,
)
from gtr_portal.core.errors import DomainError
from gtr_portal.core.files import stored_file_response
from gtr_portal.core.forms import add_domain_error, with_choices_read
from gtr_portal.core.pagination import page_of
from gtr_portal.core.redirects import safe_next_url
from gtr_portal.core.storage import private_storage
from gtr_portal.core.translation_status import VIEW_PERMISSION as TRANSLATION_STATUS_PERMISSION
from gtr_portal.core.typography import typeset_fragment
from gtr_portal.jobs.services import JobAlreadyActive
from members.models import MemberAdministration
from members.selectors import member_list

from .. import exports, feeds, selectors, services
from ..forms import OnBehalfUpdateForm, ProgressUpdateForm, ReviewForm
from ..models import DERIVED_STATUS_RULE, OPEN_STATUSES, CalendarToken, Evidence

PAGE_SIZE = 25


class HomeView(TemplateView):
    """The portal's front page: the group, its organs, its members and where its
    recommendations stand."""

    template_name = "home.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            governance=governance_summary(),
            members=list(member_list()),
            recommendation_figures=selectors.recommendation_figures(),
            meetings=selectors.meeting_headlines(),
            **kwargs,
        )


class RecommendationListView(TemplateView):
    template_name = "recommendations/recommendation_list.html"

    def get(self, request, *args, **kwargs):
        export = request.GET.get("format")
        if export in exports.FORMATS:
            # Addresses from before exports became background jobs (bookmarks, links in
            # e-mails): the export's confirmation page, with the same filters.
            return HttpResponseRedirect(_export_url(request.GET, export))
        # The filters and the table are the same for every reader (all adopted
        # recommendations are public): drawn once per address, day and language until content
        # changes (gtr_portal/core/content_cache.py). What is the user's own stays outside.
        # The secretariat also sees which rows miss a language: a table of its own.
        badges = request.user.has_perm(TRANSLATION_STATUS_PERMISSION)
        query = query_key(request.GET)
        key = f"recommendation-list:{timezone.localdate()}:{int(badges)}:{query}"
        self.parts = content_cached(key, self._parts)
        return super().get(request, *args, **kwargs)

    def _parts(self) -> dict:
        request = self.request
        filterset = selectors.recommendation_list_filter(user=request.user, data=request.GET)
        rows = filterset.qs if filterset.is_valid() else filterset.queryset.none()
        per_page = _per_page(request.GET.get("per_page"))
        page = page_of(rows, per_page, request.GET.get("page"))
        with_choices_read(filterset.form)
        context = {
            "request": request,  # for the translation badges (no context processors)
            "filter": filterset,
            "page": page,
            "query": _list_query(request.GET),
            "per_page": per_page,
            "per_page_choices": PER_PAGE_CHOICES,
        }
        return {
            "filters": typeset_fragment(
                render_to_string("recommendations/_list_filters.html", context)
            ),
            "table": typeset_fragment(
                render_to_string("recommendations/_list_table.html", context)
            ),
            "count": page.paginator.count,
        }

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            parts=self.parts, query=_list_query(self.request.GET), **kwargs
        )


PER_PAGE_CHOICES = (25, 50, 100)


def _per_page(value) -> int:
    """Rows per page: `?per_page=` among PER_PAGE_CHOICES, else PAGE_SIZE."""
    try:
        number = int(value)
    except (TypeError, ValueError):
        return PAGE_SIZE
    return number if number in PER_PAGE_CHOICES else PAGE_SIZE


def _list_query(data) -> str:
    """The list's filters from a query, without the page and the format."""
    query = data.copy()
    query.pop("page", None)
    query.pop("format", None)
    return query.urlencode()


def _export_url(data, export_format: str) -> str:
    query = QueryDict(mutable=True)
    query["format"] = export_format
    query["query"] = _list_query(data)
    return f"{reverse('recommendations:recommendation-export')}?{query.urlencode()}"


class RecommendationExportView(LoginRequiredMixin, TemplateView):
    """Asks for an export of the filtered list: a confirmation page (GET, for links and for
    visitors who had to sign in first), then a job (POST). No row is read here: the worker
    writes the file, and the user follows it on the export's page."""

    template_name = "recommendations/export_form.html"

    def get_context_data(self, **kwargs):
        export_format = self.request.GET.get("format")
        query = self.request.GET.get("query", "")
        return super().get_context_data(
            export_format=export_format if export_format in exports.FORMATS else "csv",
            formats=exports.FORMATS,
            query=query,
            list_url=_list_url(query),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        query = request.POST.get("query", "")
        try:
            job = services.recommendation_export_request(
                user=request.user,
                data=QueryDict(query),
                export_format=request.POST.get("format", ""),
            )
        except JobAlreadyActive:
            job = selectors.export_job_active(user=request.user)
            if job is None:  # it ended in between: ask again
                return HttpResponseRedirect(request.get_full_path())
            messages.info(request, _("An export of yours is already being prepared: here it is."))
        except DomainError as error:
            messages.error(request, error.message)
            return HttpResponseRedirect(_list_url(query))
        return HttpResponseRedirect(
            reverse("recommendations:recommendation-export-detail", kwargs={"pk": job.pk})
        )


def _list_url(query: str) -> str:
    url = reverse("recommendations:recommendation-list")
    return f"{url}?{query}" if query else url


class RecommendationExportDetailView(LoginRequiredMixin, TemplateView):
    """An export's state: queued, running (with its progress), done (the file, for a day), or
    failed (the reason, and a button to try again). Polled by jobs.js; reloads itself without
    JavaScript."""

    template_name = "recommendations/export_detail.html"

    def get_context_data(self, **kwargs):
        job = selectors.export_job_get(pk=self.kwargs["pk"], user=self.request.user)
        query = job.params.get("query", "")
        return super().get_context_data(
            job=job,
            export_format=exports.FORMATS.get(job.params.get("format")),
            format_code=job.params.get("format"),
            query=query,
            list_url=_list_url(query),
            expired=selectors.export_job_is_expired(job),
            expires_at=job.finished_at + exports.EXPORT_KEEP if job.finished_at else None,
            **kwargs,
        )


class RecommendationExportDownloadView(LoginRequiredMixin, View):
    """The finished file, to who asked for it and to the secretariat only (others: 404)."""

    def get(self, request, pk: int):
        job = selectors.export_job_get(pk=pk, user=request.user)
        detail = reverse("recommendations:recommendation-export-detail", kwargs={"pk": job.pk})
        if job.status != job.Status.DONE or selectors.export_job_is_expired(job):
            return HttpResponseRedirect(detail)
        storage = private_storage()
        name = job.result["files"][0]
        if not storage.exists(name):
            return HttpResponseRedirect(detail)
        return stored_file_response(
            request,
            storage=storage,
            name=name,
            filename=job.result.get("filename"),
            as_attachment=True,
            content_type=exports.FORMATS[job.params["format"]].content_type,
            audit_target=f"jobs.job:{job.pk}",
        )


class RecommendationDetailView(DetailView):
    template_name = "recommendations/recommendation_detail.html"
    context_object_name = "recommendation"

    def get_object(self, queryset=None):
        return selectors.recommendation_get(
            reference=self.kwargs["reference"], user=self.request.user
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            timeline=selectors.recommendation_timeline(recommendation=self.object),
            can_submit=self.request.user.has_perm("recommendations.submit_update", self.object),
            can_record=self.request.user.has_perm(
                "recommendations.record_update_on_behalf", self.object
            ),
            review_form=ReviewForm(),
            derived_status_rule=DERIVED_STATUS_RULE,
            **kwargs,
        )


class _RecommendationUpdateFormView(LoginRequiredMixin, PermissionRequiredMixin, FormView):
    """A progress update form about the recommendation named in the address; the permission
    is asked about that recommendation."""

    template_name = "recommendations/progressupdate_form.html"

    def get_permission_object(self):
        if not hasattr(self, "recommendation"):
            self.recommendation = selectors.recommendation_get(
                reference=self.kwargs["reference"], user=self.request.user
            )
        return self.recommendation


class UpdateCreateView(_RecommendationUpdateFormView):
    permission_required = "recommendations.submit_update"
    form_class = ProgressUpdateForm

    def get_initial(self):
        """Where this actor's own part stands (not the recommendation's overall state)."""
        recommendation = self.get_permission_object()
        part = next(
            (
                link
                for link in recommendation.actor_links.all()
                if link.actor_id == self.request.user.actor_id
            ),
            None,
        )
        return {
            "as_of": timezone.localdate(),
            "progress": part.progress if part else 0,
            "proposed_status": part.status if part else "not_started",
        }

    def get_context_data(self, **kwargs):
        return super().get_context_data(recommendation=self.get_permission_object(), **kwargs)

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            services.update_submit(
                recommendation=self.recommendation,
                user=self.request.user,
                as_of=data["as_of"],
                narrative=data["narrative"],
                progress=data["progress"],
                proposed_status=data["proposed_status"],
                files=data["evidence"],
            )
        except DomainError as error:
            add_domain_error(form, error)
            return self.form_invalid(form)
        messages.success(
            self.request, _("Your progress update was sent to the secretariat for review.")
        )
        return HttpResponseRedirect(self.recommendation.get_absolute_url())


class UpdateRecordOnBehalfView(_RecommendationUpdateFormView):
    """The secretariat records an actor's progress received by other means."""

    permission_required = "recommendations.record_update_on_behalf"
    form_class = OnBehalfUpdateForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "recommendation": self.get_permission_object()}

    def get_initial(self):
        return {"as_of": timezone.localdate(), "progress": 0, "proposed_status": "in_progress"}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            recommendation=self.get_permission_object(), on_behalf=True, **kwargs
        )

    def form_valid(self, form):
        data = form.cleaned_data
        actor = next(
            link.actor
            for link in self.recommendation.actor_links.all()
            if str(link.actor_id) == data["actor"]
        )
        try:
            services.update_record_on_behalf(
                recommendation=self.recommendation,
                actor=actor,
                user=self.request.user,
                as_of=data["as_of"],
                narrative=data["narrative"],
                progress=data["progress"],
                proposed_status=data["proposed_status"],
                files=data["evidence"],
            )
        except DomainError as error:
            add_domain_error(form, error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("The update was recorded on behalf of %(actor)s and accepted.") % {"actor": actor},
        )
        return HttpResponseRedirect(self.recommendation.get_absolute_url())


class UpdateEditView(LoginRequiredMixin, PermissionRequiredMixin, FormView):
    """The actor corrects and resubmits an update (returned, or not reviewed yet)."""

    permission_required = "recommendations.change_update"
    template_name = "recommendations/progressupdate_form.html"
    form_class = ProgressUpdateForm

    def get_permission_object(self):
        if not hasattr(self, "update"):
            self.update = selectors.update_get(pk=self.kwargs["pk"], user=self.request.user)
        return self.update

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["existing_evidence"] = self.get_permission_object().evidence.all()
        return kwargs

    def get_initial(self):
        update = self.get_permission_object()
        return {
            "as_of": update.as_of,
            "narrative": update.narrative,
            "progress": update.progress,
            "proposed_status": update.proposed_status,
        }

    def get_context_data(self, **kwargs):
        update = self.get_permission_object()
        return super().get_context_data(
            recommendation=update.recommendation, update=update, **kwargs
        )

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            services.update_resubmit(
                update=self.update,
                user=self.request.user,
                as_of=data["as_of"],
                narrative=data["narrative"],
                progress=data["progress"],
                proposed_status=data["proposed_status"],
                files=data["evidence"],
                remove_evidence=[int(pk) for pk in data.get("remove_evidence", [])],
            )
        except DomainError as error:
            add_domain_error(form, error)
            return self.form_invalid(form)
        messages.success(
            self.request, _("Your corrected update was sent to the secretariat for review.")
        )
        return HttpResponseRedirect(self.update.recommendation.get_absolute_url())


class UpdateReviewView(LoginRequiredMixin, PermissionRequiredMixin, View):
    permission_required = "recommendations.review_update"
    http_method_names = ["post"]

    def get_permission_object(self):
        if not hasattr(self, "update"):
            self.update = selectors.update_get(pk=self.kwargs["pk"], user=self.request.user)
        return self.update

    def post(self, request, pk: int):
        update = self.get_permission_object()
        form = ReviewForm(request.POST)
        back = safe_next_url(request, default=update.recommendation.get_absolute_url())
        if not form.is_valid():
            for errors in form.errors.values():
                for error in errors:
                    messages.error(request, error)
            return HttpResponseRedirect(back)
        try:
            if form.cleaned_data["decision"] == "accept":
                services.update_accept(
                    update=update, reviewer=request.user, comment=form.cleaned_data["comment"]
                )
                messages.success(
                    request, _("Update accepted: the recommendation's status follows it.")
                )
            else:
                services.update_return(
                    update=update, reviewer=request.user, comment=form.cleaned_data["comment"]
                )
                messages.success(request, _("Update returned to the actor with your comment."))
        except DomainError as error:
            messages.error(request, error.message)
        return HttpResponseRedirect(back)


class ReviewQueueView(PermissionRequiredMixin, TemplateView):
    permission_required = "recommendations.view_pending_updates"
    template_name = "recommendations/review_queue.html"

    paginate_by = 20  # each update carries its review form: a page, not the whole backlog

    def get_context_data(self, **kwargs):
        # The same for every reader until an update is sent or reviewed, or content changes:
        # drawn once, with a placeholder where each request puts its own CSRF token.
        request = self.request
        can_review = request.user.has_perm("recommendations.review_updates")
        key = (
            f"review-queue:{selectors.updates_awaiting_review_marker()}:{int(can_review)}:"
            f"{query_key(request.GET)}"
        )
        queue = shared_fragment(
            key,
            "recommendations/_review_queue.html",
            lambda: self._queue_context(can_review=can_review),
        )
        return super().get_context_data(queue_html=csrf_filled(queue, request), **kwargs)

    def _queue_context(self, *, can_review: bool) -> dict:
        page = page_of(
            selectors.updates_awaiting_review(), self.paginate_by, self.request.GET.get("page")
        )
        return {
            "updates": page.object_list,
            "page": page,
            "can_review": can_review,
            "next_path": self.request.get_full_path(),
            "csrf_token": CSRF_PLACEHOLDER,
        }


class MyActionsView(PermissionRequiredMixin, TemplateView):
    permission_required = "recommendations.view_my_actions"
    template_name = "recommendations/my_actions.html"

    def get_context_data(self, **kwargs):
        # The same for every focal point of the administration: drawn once per day and
        # language until content or the actor's own updates change.
        user = self.request.user
        key = (
            f"my-actions:{user.actor_id}:{timezone.localdate()}:"
            f"{selectors.my_updates_marker(actor_id=user.actor_id)}"
        )
        html = content_cached(key, lambda: self._sections_html(user))
        return super().get_context_data(sections_html=html, **kwargs)

    @staticmethod
    def _sections_html(user):
        sections = selectors.my_actions(user=user)
        return typeset_fragment(
            render_to_string("recommendations/_my_sections.html", {"sections": sections})
        )


class EvidenceDownloadView(LoginRequiredMixin, View):
    """Evidence is private: served only here, after the permission check, never by a media URL."""

    def get(self, request, pk: int):
        evidence = get_object_or_404(Evidence.objects.select_related("update"), pk=pk)
        if not request.user.has_perm("recommendations.view_evidence", evidence.update):
            raise Http404
        return stored_file_response(
            request,
            storage=evidence.file.storage,
            name=evidence.file.name,
            filename=evidence.original_name,
            as_attachment=True,
            content_type=evidence.content_type,
            no_store=True,
            audit_target=f"recommendations.evidence:{evidence.pk}",
        )


class CalendarView(PermissionRequiredMixin, TemplateView):
    permission_required = "recommendations.subscribe_calendar"
    template_name = "recommendations/calendar.html"

    def post(self, request):
        feeds.calendar_token_for(user=request.user, renew=True)
        messages.success(request, _("A new private address was made; the old one no longer works."))
        return HttpResponseRedirect(reverse("recommendations:calendar"))

    def get_context_data(self, **kwargs):
        token = feeds.calendar_token_for(user=self.request.user).token
        region = self.request.build_absolute_uri(
            reverse("recommendations:calendar-feed", args=[token, "region"])
        )
        own = None
        administration_id = self.request.user.administration_id
        if administration_id:
            iso2 = MemberAdministration.objects.get(pk=administration_id).iso2
            own = self.request.build_absolute_uri(
                reverse("recommendations:calendar-feed", args=[token, iso2])
            )
        return super().get_context_data(region_url=region, own_url=own, **kwargs)


class CalendarFeedView(View):
    def get(self, request, token: str, scope: str):
        owner = get_object_or_404(CalendarToken.objects.select_related("user"), token=token).user
        if not owner.is_active:
            raise Http404
        recommendations = selectors.recommendation_queryset().filter(status__in=OPEN_STATUSES)
        name = _("GTR deadlines – region")
        if scope != "region":
            member = get_object_or_404(MemberAdministration, iso2=scope.upper())
            recommendations = recommendations.filter(actor_links__actor__member=member)
            name = _("GTR deadlines – %(country)s") % {"country": member.name}
        body = feeds.deadlines_calendar(recommendations=recommendations, name=name)
        response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
        response["Content-Disposition"] = f'inline; filename="gtr-{scope.lower()}.ics"'
        return response

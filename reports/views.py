from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import DetailView, FormView, TemplateView, View
from rules.contrib.views import PermissionRequiredMixin

from gtr_portal.core.content_cache import content_cached, query_key
from gtr_portal.core.errors import DomainError
from gtr_portal.core.forms import with_choices_read
from gtr_portal.core.typography import typeset_fragment
from members.models import MemberAdministration
from recommendations.models import Meeting

from . import services
from .charts import dashboard_charts, snapshot_charts
from .exports import dashboard_xlsx, matrix_csv, matrix_xlsx
from .forms import ActivityReportForm, DashboardFilterForm, MeetingReportForm
from .matrix import actor_matrix
from .models import Report, ReportFile
from .selectors import DashboardFilters, dashboard_get, report_latest_build, report_list
from .snapshots import facts_for_display


class DashboardView(PermissionRequiredMixin, TemplateView):
    permission_required = "reports.view_dashboard"
    template_name = "reports/dashboard.html"

    def get(self, request, *args, **kwargs):
        self.form = DashboardFilterForm(request.GET or None)
        filters = DashboardFilters()
        if self.form.is_bound:
            if self.form.is_valid():
                filters = DashboardFilters(**self.form.cleaned_data)
            else:
                messages.error(request, _("Some filters were not understood and are ignored."))
        if not request.user.has_perm("reports.view_regional_dashboard"):
            # A focal point sees its own administration, whatever the address asks for.
            filters.member = MemberAdministration.objects.get(pk=request.user.administration_id)
        if request.GET.get("format") == "xlsx":
            return dashboard_xlsx(dashboard_get(filters=filters))
        regional = request.user.has_perm("reports.view_regional_dashboard")
        self.body = _shared_body(
            "dashboard", request, filters, regional, lambda: self._body(filters, regional)
        )
        return super().get(request, *args, **kwargs)

    def _body(self, filters: DashboardFilters, regional: bool) -> str:
        dashboard = dashboard_get(filters=filters)
        with_choices_read(self.form)
        context = {
            "form": self.form,
            "dashboard": dashboard,
            "charts": dashboard_charts(dashboard),
            "regional": regional,
        }
        return typeset_fragment(render_to_string("reports/_dashboard_body.html", context))

    def get_context_data(self, **kwargs):
        return super().get_context_data(body=self.body, **kwargs)


def _shared_body(name, request, filters, regional: bool, draw) -> str:
    """A dashboard page's content, the same for every reader of the same selection: drawn once
    per day and language until content changes (gtr_portal/core/content_cache.py)."""
    selection = urlencode(sorted(filters.query().items()))
    address = query_key(request.GET)
    key = f"{name}-page:{timezone.localdate()}:{int(regional)}:{selection}:{address}"
    return content_cached(key, draw)


class MatrixView(DashboardView):
    """Administrations and bodies × recommendations, each cell an actor's own part."""

    template_name = "reports/matrix.html"

    def get(self, request, *args, **kwargs):
        self.form = DashboardFilterForm(request.GET or None)
        self.filters = DashboardFilters()
        if self.form.is_bound and self.form.is_valid():
            self.filters = DashboardFilters(**self.form.cleaned_data)
        elif self.form.is_bound and set(request.GET) - {"page", "format"}:
            messages.error(request, _("Some filters were not understood and are ignored."))
        if not request.user.has_perm("reports.view_regional_dashboard"):
            self.filters.member = MemberAdministration.objects.get(
                pk=request.user.administration_id
            )
        export = request.GET.get("format")
        if export in ("xlsx", "csv"):
            matrix = actor_matrix(filters=self.filters, paged=False)
            return matrix_xlsx(matrix) if export == "xlsx" else matrix_csv(matrix)
        regional = request.user.has_perm("reports.view_regional_dashboard")
        self.body = _shared_body(
            "matrix", request, self.filters, regional, lambda: self._body(regional)
        )
        return TemplateView.get(self, request, *args, **kwargs)

    def _body(self, regional: bool) -> str:
        context = {
            "form": with_choices_read(self.form),
            "matrix": actor_matrix(filters=self.filters, page=self.request.GET.get("page")),
            "query": urlencode(self.filters.query()),
            "regional": regional,
        }
        return typeset_fragment(render_to_string("reports/_matrix_body.html", context))


class ReportArchiveView(TemplateView):
    template_name = "reports/report_list.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(reports=report_list(user=self.request.user), **kwargs)


# A draft's follow-up table on the screen; the PDF holds every row.
FOLLOW_UP_SHOWN = 100


class ReportDetailView(DetailView):
    template_name = "reports/report_detail.html"
    context_object_name = "report"

    def get_object(self, queryset=None):
        report = get_object_or_404(
            Report.objects.select_related("meeting", "supersedes").prefetch_related("files"),
            pk=self.kwargs["pk"],
        )
        if not self.request.user.has_perm("reports.view_report", report):
            raise Http404
        return report

    def get_context_data(self, **kwargs):
        from django.utils import translation

        report = self.object
        language = (translation.get_language() or "fr")[:2]
        # The facts, their tables and charts: the same for every reader of the report, drawn
        # once per day until content (or the report) changes.
        key = (
            f"report-facts-page:{report.pk}:{report.updated_at.isoformat()}:{timezone.localdate()}"
        )
        context = super().get_context_data(
            facts_html=content_cached(key, lambda: self._facts_html(report, language)), **kwargs
        )
        if self.request.user.has_perm("reports.manage_reports"):
            context["build"] = report_latest_build(report=self.object)
        return context

    @staticmethod
    def _facts_html(report: Report, language: str) -> str:
        facts = facts_for_display(services.report_facts(report))
        context = {
            "report": report,
            "facts": facts,
            "language": language,
            "follow_up_rows": facts.get("follow_up", [])[:FOLLOW_UP_SHOWN],
            "charts": snapshot_charts(facts, language) if report.kind == "activity" else {},
        }
        return typeset_fragment(render_to_string("reports/_facts.html", context))


class ReportCreateView(PermissionRequiredMixin, FormView):
    permission_required = "reports.manage_reports"
    template_name = "reports/report_form.html"

    def get_form_class(self):
        return ActivityReportForm if self.kwargs["kind"] == "activity" else MeetingReportForm

    def get_initial(self):
        meeting = self.request.GET.get("meeting")
        return {"meeting": Meeting.objects.filter(slug=meeting).first()} if meeting else {}

    def form_valid(self, form):
        try:
            report = services.report_save(
                user=self.request.user, data=form.cleaned_data, kind=self.kwargs["kind"]
            )
        except (DomainError, ValidationError) as error:
            form.add_error(None, getattr(error, "message", None) or "; ".join(error.messages))
            return self.form_invalid(form)
        messages.success(self.request, _("The report is saved as a draft."))
        return HttpResponseRedirect(report.get_absolute_url())


class ReportUpdateView(PermissionRequiredMixin, FormView):
    permission_required = "reports.change_report"
    template_name = "reports/report_form.html"

    def get_permission_object(self):
        if not hasattr(self, "report"):
            self.report = get_object_or_404(Report, pk=self.kwargs["pk"])
        return self.report

    def get_form_class(self):
        report = self.get_permission_object()
        return ActivityReportForm if report.kind == "activity" else MeetingReportForm

    def get_initial(self):
        report = self.get_permission_object()
        return {field: getattr(report, field) for field in services.EDITABLE}

    def get_context_data(self, **kwargs):
        return super().get_context_data(report=self.get_permission_object(), **kwargs)

    def form_valid(self, form):
        try:
            report = services.report_save(
                user=self.request.user, data=form.cleaned_data, report=self.get_permission_object()
            )
        except (DomainError, ValidationError) as error:
            form.add_error(None, getattr(error, "message", None) or "; ".join(error.messages))
            return self.form_invalid(form)
        messages.success(self.request, _("The report was saved."))
        return HttpResponseRedirect(report.get_absolute_url())


class _ReportActionView(LoginRequiredMixin, PermissionRequiredMixin, View):
    permission_required = "reports.manage_reports"
    http_method_names = ["post"]

    def post(self, request, pk: int):
        report = get_object_or_404(Report, pk=pk)
        try:
            target = self.act(report) or report
        except DomainError as error:
            messages.error(request, error.message)
            target = report
        return HttpResponseRedirect(target.get_absolute_url())


class ReportFinaliseView(_ReportActionView):
    def act(self, report):
        services.report_finalise(report=report, user=self.request.user)
        messages.success(self.request, _("The report is final: its figures are frozen."))


class ReportNewVersionView(_ReportActionView):
    def act(self, report):
        copy = services.report_new_version(report=report, user=self.request.user)
        messages.success(self.request, _("A new draft version was made."))
        return copy


class ReportBuildView(_ReportActionView):
    def act(self, report):
        services.report_build_request(report=report, user=self.request.user)
        messages.success(self.request, _("The PDFs are being built; this page follows the work."))


class ReportDownloadView(View):
    def get(self, request, pk: int, language: str):
        report = get_object_or_404(Report, pk=pk)
        if not request.user.has_perm("reports.view_report", report):
            raise Http404
        report_file = get_object_or_404(ReportFile, report=report, language=language)
        return FileResponse(
            report_file.file.open("rb"),
            as_attachment=True,
            filename=f"gtr-report-{report.pk}-v{report.version}-{language}.pdf",
            content_type="application/pdf",
        )

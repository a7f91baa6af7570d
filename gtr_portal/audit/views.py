from django.conf import settings
from django.core.paginator import Paginator
from django.shortcuts import render
from django.views.generic import TemplateView
from rules.contrib.views import PermissionRequiredMixin

from . import exports, selectors
from .filters import SecurityEventFilter
from .models import EventKind
from .services import audit_record

PERMISSION = "audit.view_securityevent"
# An export is done in the request; beyond this, narrow the filter (the page says so).
EXPORT_MAX_ROWS = 20_000


class SecurityEventListView(PermissionRequiredMixin, TemplateView):
    """The secretariat's security log: filter, read, export."""

    permission_required = PERMISSION
    template_name = "audit/securityevent_list.html"

    def get(self, request, *args, **kwargs):
        self.filterset = SecurityEventFilter(
            request.GET, queryset=selectors.security_event_queryset()
        )
        rows = self.filterset.qs if self.filterset.is_valid() else self.filterset.queryset.none()
        export = request.GET.get("format")
        if export in ("csv", "xlsx"):
            # Who took a copy of the log, and of which part, is itself worth knowing.
            audit_record(
                kind=EventKind.EXPORT_DOWNLOADED,
                request=request,
                details={"format": export, **self._filters()},
            )
            rows = rows[:EXPORT_MAX_ROWS]
            return exports.export_csv(rows) if export == "csv" else exports.export_xlsx(rows)
        self.page = Paginator(rows, selectors.PAGE_SIZE).get_page(request.GET.get("page"))
        self.page.object_list = selectors.events_with_target_labels(list(self.page.object_list))
        return super().get(request, *args, **kwargs)

    def _filters(self) -> dict:
        return {k: v for k, v in self.request.GET.items() if k in self.filterset.filters and v}

    def get_context_data(self, **kwargs):
        query = self.request.GET.copy()
        query.pop("page", None)
        query.pop("format", None)
        return super().get_context_data(
            filter=self.filterset,
            page=self.page,
            query=query.urlencode(),
            export_max_rows=EXPORT_MAX_ROWS,
            keep_days=settings.AUDIT_KEEP_DAYS,
            tab="events",
            **kwargs,
        )


class AccountChangesView(PermissionRequiredMixin, TemplateView):
    """Who changed which account, role or focal-point binding, and when."""

    permission_required = PERMISSION
    template_name = "audit/account_changes.html"

    def get_context_data(self, **kwargs):
        pages = dict(self.request.GET.items())
        sections = selectors.account_changes(pages=pages)
        context = super().get_context_data(tab="accounts", **kwargs)
        context["sections"] = [
            {
                "source": source,
                "page": page,
                "rows": rows,
                "query": self._query_without(source.key),
            }
            for source, page, rows in sections
        ]
        return context

    def _query_without(self, key: str) -> str:
        query = self.request.GET.copy()
        query.pop(key, None)
        return query.urlencode()


def permission_denied(request, exception=None):
    """handler403: every refusal is recorded, then the usual page is shown."""
    audit_record(
        kind=EventKind.ACCESS_DENIED,
        request=request,
        target=request.path[:255],
        details={"method": request.method},
    )
    return render(request, "403.html", status=403)

from django.contrib import messages
from django.utils.translation import gettext as _
from django.views.generic import TemplateView
from rules.contrib.views import PermissionRequiredMixin

from members.models import MemberAdministration

from .charts import dashboard_charts
from .exports import dashboard_xlsx
from .forms import DashboardFilterForm
from .selectors import DashboardFilters, dashboard_figures


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
        self.dashboard = dashboard_figures(filters=filters)
        if request.GET.get("format") == "xlsx":
            return dashboard_xlsx(self.dashboard)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            form=self.form,
            dashboard=self.dashboard,
            charts=dashboard_charts(self.dashboard),
            regional=self.request.user.has_perm("reports.view_regional_dashboard"),
            **kwargs,
        )

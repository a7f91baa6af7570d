from django.views.generic import DetailView, TemplateView

from . import selectors


class GovernanceView(TemplateView):
    template_name = "commissions/governance.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(governance=selectors.governance_get(), **kwargs)


class CommissionDetailView(DetailView):
    template_name = "commissions/technicalcommission_detail.html"
    context_object_name = "commission"

    def get_object(self, queryset=None):
        return selectors.commission_get(slug=self.kwargs["slug"])

    def get_context_data(self, **kwargs):
        terms = list(self.object.terms.all())
        current = next((t for t in terms if t.is_current()), None)
        return super().get_context_data(
            current_term=current, past_terms=[t for t in terms if t is not current], **kwargs
        )

"""Pages of the proposals to the Conference of Directors General: the public register, a
proposal, and the secretariat's steps (record, edit, send, decision, follow-up)."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponseRedirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import DetailView, FormView, TemplateView
from rules.contrib.views import PermissionRequiredMixin

from gtr_portal.core.errors import DomainError
from gtr_portal.core.forms import add_domain_error

from .. import selectors, services
from ..forms import ProposalDecisionForm, ProposalFollowUpForm, ProposalForm, ProposalSendForm
from ..models import Proposal

PAGE_SIZE = 25


class ProposalListView(TemplateView):
    template_name = "recommendations/proposal_list.html"

    def get_context_data(self, **kwargs):
        params = self.request.GET
        state, meeting = params.get("state", ""), params.get("meeting", "")
        proposals = selectors.proposal_list(state=state, meeting=meeting)
        query = params.copy()
        query.pop("page", None)
        return super().get_context_data(
            page=Paginator(proposals, PAGE_SIZE).get_page(params.get("page")),
            states=Proposal.State.choices,
            meetings=selectors.proposal_meetings(),
            current_state=state if state in Proposal.State.values else "",
            current_meeting=meeting,
            query=query.urlencode(),
            **kwargs,
        )


class ProposalDetailView(DetailView):
    template_name = "recommendations/proposal_detail.html"
    context_object_name = "proposal"

    def get_object(self, queryset=None):
        return selectors.proposal_get(reference=self.kwargs["reference"])


class ProposalStepMixin(PermissionRequiredMixin):
    """A secretariat step on one proposal: the permission names the step, and the proposal's
    state decides whether the step is open (a 403 otherwise, as for any other refusal)."""

    template_name = "recommendations/proposal_form.html"

    def get_permission_object(self):
        if not hasattr(self, "proposal"):
            self.proposal = selectors.proposal_get(reference=self.kwargs["reference"])
        return self.proposal

    def get_context_data(self, **kwargs):
        return super().get_context_data(proposal=self.get_permission_object(), **kwargs)

    def done(self, message: str, url: str):
        messages.success(self.request, message)
        return HttpResponseRedirect(url)


class ProposalCreateView(PermissionRequiredMixin, FormView):
    permission_required = "recommendations.record_proposal"
    template_name = "recommendations/proposal_form.html"
    form_class = ProposalForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "meetings": selectors.proposal_meeting_choices()}

    def get_initial(self):
        slug = self.request.GET.get("meeting")
        meeting = selectors.proposal_meeting_choices().filter(slug=slug).first() if slug else None
        return {"meeting": meeting} if meeting else {}

    def get_context_data(self, **kwargs):
        return super().get_context_data(step="create", **kwargs)

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            proposal = services.proposal_create(
                meeting=data["meeting"],
                title_fr=data["title_fr"],
                title_en=data.get("title_en") or "",
                text_fr=data["text_fr"],
                text_en=data.get("text_en") or "",
            )
        except DomainError as error:
            add_domain_error(form, error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("Proposal %(reference)s recorded.") % {"reference": proposal.reference},
        )
        return HttpResponseRedirect(proposal.get_absolute_url())


class ProposalUpdateView(ProposalStepMixin, FormView):
    permission_required = "recommendations.edit_proposal"
    form_class = ProposalForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.get_permission_object()}

    def get_context_data(self, **kwargs):
        return super().get_context_data(step="edit", **kwargs)

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            services.proposal_update(
                proposal=self.proposal,
                title_fr=data["title_fr"],
                title_en=data.get("title_en") or "",
                text_fr=data["text_fr"],
                text_en=data.get("text_en") or "",
                decision_fr=data.get("decision_fr"),
                decision_en=(data.get("decision_en") or "") if "decision_en" in data else None,
                decision_reference=data.get("decision_reference"),
            )
        except DomainError as error:
            add_domain_error(form, error)
            return self.form_invalid(form)
        return self.done(_("The proposal is saved."), self.proposal.get_absolute_url())


class ProposalSendView(ProposalStepMixin, FormView):
    permission_required = "recommendations.send_proposal"
    form_class = ProposalSendForm

    def get_initial(self):
        return {"sent_on": timezone.localdate()}

    def get_context_data(self, **kwargs):
        return super().get_context_data(step="send", **kwargs)

    def form_valid(self, form):
        try:
            services.proposal_send(proposal=self.proposal, sent_on=form.cleaned_data["sent_on"])
        except DomainError as error:
            add_domain_error(form, error)
            return self.form_invalid(form)
        return self.done(
            _("The proposal is recorded as sent to the Committee of Experts."),
            self.proposal.get_absolute_url(),
        )


class ProposalDecideView(ProposalStepMixin, FormView):
    permission_required = "recommendations.decide_proposal"
    form_class = ProposalDecisionForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "conferences": selectors.conference_meetings()}

    def get_context_data(self, **kwargs):
        return super().get_context_data(step="decide", **kwargs)

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            services.proposal_decide(
                proposal=self.proposal,
                outcome=data["outcome"],
                decision_fr=data["decision_fr"],
                decision_en=data.get("decision_en") or "",
                decided_on=data["decided_on"],
                decision_reference=data.get("decision_reference") or "",
                conference=data.get("conference"),
            )
        except DomainError as error:
            add_domain_error(form, error)
            return self.form_invalid(form)
        return self.done(
            _("The Conference's decision is recorded."), self.proposal.get_absolute_url()
        )


class ProposalFollowUpView(ProposalStepMixin, FormView):
    permission_required = "recommendations.follow_up_proposal"
    form_class = ProposalFollowUpForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "conferences": selectors.conference_meetings()}

    def get_initial(self):
        proposal = self.get_permission_object()
        return {
            "conference": proposal.conference,
            "title_fr": proposal.title_fr,
            "title_en": proposal.title_en,
            "text_fr": proposal.decision_fr,
            "text_en": proposal.decision_en,
        }

    def get_context_data(self, **kwargs):
        return super().get_context_data(step="follow-up", group=services.group_actor(), **kwargs)

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            recommendation = services.proposal_follow_up_create(
                proposal=self.proposal,
                conference=data["conference"],
                title_fr=data["title_fr"],
                title_en=data.get("title_en") or "",
                text_fr=data["text_fr"],
                text_en=data.get("text_en") or "",
                deadline=data.get("deadline"),
                commission=data.get("commission"),
                priority=data["priority"],
                created_by=self.request.user,
            )
        except DomainError as error:
            add_domain_error(form, error)
            return self.form_invalid(form)
        return self.done(
            _("The decision is followed as recommendation %(reference)s.")
            % {"reference": recommendation.reference},
            self.proposal.get_absolute_url(),
        )

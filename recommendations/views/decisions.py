"""The decisions screen: the secretariat enters a meeting's recommendations in one go."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views import View
from rules.contrib.views import PermissionRequiredMixin

from commissions.models import TechnicalCommission
from gtr_portal.core.errors import DomainError

from .. import selectors, services
from ..forms import actor_choices, decision_formset

BLANK_ROWS = 3
MINIMUM_ROWS = 10


class MeetingDecisionsView(LoginRequiredMixin, PermissionRequiredMixin, View):
    permission_required = "recommendations.enter_decisions"
    template_name = "recommendations/meeting_decisions.html"

    def get_permission_object(self):
        if not hasattr(self, "meeting"):
            self.meeting = selectors.meeting_get(slug=self.kwargs["slug"])
        return self.meeting

    def _formset(self, data=None):
        meeting = self.get_permission_object()
        drafts = selectors.decision_drafts(meeting=meeting)
        initial = [
            {
                "text_fr": d.text_fr,
                "text_en": d.text_en,
                "title_fr": d.title_fr,
                "commission": str(d.commission_id or ""),
                "lead_actors": [str(a.pk) for a in d.lead_actors.all()],
                "other_actors": [str(a.pk) for a in d.other_actors.all()],
                "deadline": d.deadline,
                "due_by_next_meeting": d.due_by_next_meeting,
                "priority": d.priority,
            }
            for d in drafts
        ]
        extra = max(BLANK_ROWS, MINIMUM_ROWS - len(initial))
        kwargs = {
            "meeting": meeting,
            "actors": actor_choices(),
            "commissions": list(TechnicalCommission.objects.order_by("number")),
        }
        return decision_formset(extra=extra)(
            data, initial=initial, prefix="rows", form_kwargs=kwargs
        )

    def _render(self, formset, status=200):
        return render(
            self.request,
            self.template_name,
            {"meeting": self.meeting, "formset": formset},
            status=status,
        )

    def get(self, request, slug: str):
        return self._render(self._formset())

    def post(self, request, slug: str):
        formset = self._formset(request.POST)
        if not formset.is_valid():
            messages.error(request, _("Some rows need a correction: see beside each row."))
            return self._render(formset, status=400)
        rows = formset.rows()
        try:
            services.decision_drafts_save(meeting=self.meeting, rows=rows, user=request.user)
            if request.POST.get("action") == "adopt":
                adopted = services.decisions_adopt(meeting=self.meeting, user=request.user)
                messages.success(
                    request,
                    ngettext(
                        "%(count)s recommendation adopted and published: %(first)s.",
                        "%(count)s recommendations adopted and published: %(first)s to %(last)s.",
                        len(adopted),
                    )
                    % {
                        "count": len(adopted),
                        "first": adopted[0].reference,
                        "last": adopted[-1].reference,
                    },
                )
                return HttpResponseRedirect(self.meeting.get_absolute_url())
        except DomainError as error:
            messages.error(request, error.message)
            return self._render(formset, status=400)
        messages.success(
            request,
            ngettext(
                "%(count)s draft decision saved. Nobody sees it until you adopt it.",
                "%(count)s draft decisions saved. Nobody sees them until you adopt them.",
                len(rows),
            )
            % {"count": len(rows)},
        )
        return HttpResponseRedirect(
            reverse("recommendations:meeting-decisions", kwargs={"slug": self.meeting.slug})
        )

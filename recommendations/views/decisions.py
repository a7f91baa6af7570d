"""The decisions screen: the secretariat enters a meeting's recommendations in one go."""

from datetime import date

from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core import signing
from django.core.signing import BadSignature
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views import View
from rules.contrib.views import PermissionRequiredMixin

from commissions.models import TechnicalCommission
from gtr_portal.core.errors import DomainError
from members.models import Actor

from .. import selectors, services
from ..decision_sheets import (
    SheetError,
    decisions_parse,
    decisions_template_csv,
    decisions_template_xlsx,
)
from ..forms import actor_choices, decision_formset

SIGNING_SALT = "recommendations.decisions-import"
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


class DecisionSheetForm(forms.Form):
    file = forms.FileField(
        label=_("Filled spreadsheet"),
        help_text=_("The template filled in, as XLSX or CSV (UTF-8); 2 MB at most."),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}),
    )


class DecisionsTemplateView(LoginRequiredMixin, PermissionRequiredMixin, View):
    """The spreadsheet to fill in: the columns of the decisions screen, and the actors' codes."""

    permission_required = "recommendations.enter_decisions"

    def get_permission_object(self):
        return selectors.meeting_get(slug=self.kwargs["slug"])

    def get(self, request, slug: str):
        if request.GET.get("format") == "csv":
            response = HttpResponse(decisions_template_csv(), content_type="text/csv")
            extension = "csv"
        else:
            response = HttpResponse(
                decisions_template_xlsx(),
                content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            )
            extension = "xlsx"
        response["Content-Disposition"] = f'attachment; filename="decisions-{slug}.{extension}"'
        return response


class DecisionsImportView(LoginRequiredMixin, PermissionRequiredMixin, View):
    """Upload a filled spreadsheet, see each row with its errors, then import the rows as
    drafts. Nothing is saved before the secretariat confirms a preview without errors."""

    permission_required = "recommendations.enter_decisions"
    template_name = "recommendations/meeting_decisions_import.html"

    def get_permission_object(self):
        if not hasattr(self, "meeting"):
            self.meeting = selectors.meeting_get(slug=self.kwargs["slug"])
        return self.meeting

    def _render(self, form, parsed=None, payload="", status=200):
        return render(
            self.request,
            self.template_name,
            {
                "meeting": self.meeting,
                "form": form,
                "parsed": parsed,
                "payload": payload,
                "has_errors": any(p.errors for p in parsed or []),
            },
            status=status,
        )

    def get(self, request, slug: str):
        return self._render(DecisionSheetForm())

    def post(self, request, slug: str):
        if "payload" in request.POST:
            return self._confirm(request)
        form = DecisionSheetForm(request.POST, request.FILES)
        if not form.is_valid():
            return self._render(form, status=400)
        try:
            parsed = decisions_parse(upload=form.cleaned_data["file"], meeting=self.meeting)
        except SheetError as error:
            form.add_error("file", str(error))
            return self._render(form, status=400)
        payload = "" if any(p.errors for p in parsed) else rows_sign(p.row for p in parsed)
        return self._render(DecisionSheetForm(), parsed=parsed, payload=payload)

    def _confirm(self, request):
        try:
            rows = rows_unsign(request.POST["payload"])
            services.decision_drafts_append(meeting=self.meeting, rows=rows, user=request.user)
        except (BadSignature, DomainError) as error:
            message = getattr(error, "message", None) or _("The preview expired: upload again.")
            messages.error(request, message)
            return self._render(DecisionSheetForm(), status=400)
        messages.success(
            request,
            ngettext(
                "%(count)s decision imported as a draft: check it, then adopt.",
                "%(count)s decisions imported as drafts: check them, then adopt.",
                len(rows),
            )
            % {"count": len(rows)},
        )
        return HttpResponseRedirect(
            reverse("recommendations:meeting-decisions", kwargs={"slug": self.meeting.slug})
        )


def rows_sign(rows) -> str:
    """The previewed rows, signed, so that the import saves exactly what was shown."""
    return signing.dumps(
        [
            {
                "text_fr": r.text_fr,
                "text_en": r.text_en,
                "title_fr": r.title_fr,
                "commission": r.commission.pk if r.commission else None,
                "lead": [a.pk for a in r.lead_actors],
                "other": [a.pk for a in r.other_actors],
                "deadline": r.deadline.isoformat() if r.deadline else None,
                "next": r.due_by_next_meeting,
                "priority": r.priority,
            }
            for r in rows
        ],
        salt=SIGNING_SALT,
        compress=True,
    )


def rows_unsign(payload: str) -> list[services.DecisionRow]:
    data = signing.loads(payload, salt=SIGNING_SALT, max_age=3600)
    actors = Actor.objects.in_bulk([pk for item in data for pk in item["lead"] + item["other"]])
    commissions = TechnicalCommission.objects.in_bulk(
        [item["commission"] for item in data if item["commission"]]
    )
    return [
        services.DecisionRow(
            text_fr=item["text_fr"],
            text_en=item["text_en"],
            title_fr=item["title_fr"],
            commission=commissions.get(item["commission"]),
            lead_actors=[actors[pk] for pk in item["lead"]],
            other_actors=[actors[pk] for pk in item["other"]],
            deadline=date.fromisoformat(item["deadline"]) if item["deadline"] else None,
            due_by_next_meeting=item["next"],
            priority=item["priority"],
        )
        for item in data
    ]

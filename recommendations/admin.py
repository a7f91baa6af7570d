from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from gtr_portal.core.translated_admin import (
    PRIVATE_FILE_FIELDS,
    TranslatedAdmin,
    TranslatedLabelsMixin,
)
from gtr_portal.core.uploads import DOCUMENTS, validate_upload

from . import services as proposal_services
from .models import (
    DERIVED_STATUS_RULE,
    Evidence,
    Meeting,
    MeetingDocument,
    MeetingPerson,
    ProgressUpdate,
    Proposal,
    Recommendation,
    RecommendationActor,
    RecommendationStatus,
)
from .notifications import notify_assignment
from .services import meetings as meeting_services
from .services import recommendation_follow_actors, recommendation_number


class MeetingDocumentForm(forms.ModelForm):
    class Meta:
        model = MeetingDocument
        fields = ["kind", "title_fr", "title_en", "language", "visibility", "file"]

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload and hasattr(upload, "content_type"):
            self.instance.content_type = validate_upload(
                upload, kinds=DOCUMENTS, max_bytes=meeting_services.MEETING_DOCUMENT_MAX_BYTES
            )
            self.instance.size = upload.size
            self.instance.original_name = upload.name.rsplit("/", 1)[-1][:255]
        return upload


class MeetingDocumentInline(TranslatedLabelsMixin, admin.TabularInline):
    model = MeetingDocument
    form = MeetingDocumentForm
    formfield_overrides = PRIVATE_FILE_FIELDS
    extra = 0


class MeetingPersonFormSet(forms.BaseInlineFormSet):
    def clean(self):
        """The rule of the workspace: one chair at most."""
        super().clean()
        chairs = [
            form
            for form in self.forms
            if form.cleaned_data
            and not form.cleaned_data.get("DELETE")
            and form.cleaned_data.get("role") == MeetingPerson.Role.CHAIR
        ]
        if len(chairs) > 1:
            raise ValidationError(_("A meeting has one chair at most."))


class MeetingPersonInline(admin.TabularInline):
    model = MeetingPerson
    formset = MeetingPersonFormSet
    extra = 0
    fields = ["name", "role", "actor", "organisation"]


@admin.register(Meeting)
class MeetingAdmin(TranslatedAdmin):
    list_display = ["__str__", "kind", "start_date", "city", "status"]
    list_filter = ["kind", "status", "mode"]
    search_fields = ["slug", "city", "theme_fr", "theme_en"]
    filter_horizontal = ["participants"]
    inlines = [MeetingPersonInline, MeetingDocumentInline]
    list_select_related = ["commission", "host"]

    def save_model(self, request, obj, form, change):
        """Through the workspace's services, so that the same rules hold here."""
        data = {
            name: form.cleaned_data[name]
            for name in meeting_services.MEETING_FIELDS
            if name in form.cleaned_data
        }
        if change:
            meeting_services.meeting_update(meeting=obj, user=request.user, data=data)
        else:
            meeting_services.meeting_create(user=request.user, data=data, meeting=obj)

    def save_formset(self, request, form, formset, change):
        if formset.model is not MeetingDocument:
            return super().save_formset(request, form, formset, change)
        # What the admin's history message lists.
        formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
        for document_form in formset.forms:
            document = document_form.instance
            if formset.can_delete and formset._should_delete_form(document_form):
                if document.pk:
                    formset.deleted_objects.append(document)
                    meeting_services.meeting_document_remove(document=document, user=request.user)
            elif document.pk is None and document_form.has_changed():
                data = document_form.cleaned_data
                added = meeting_services.meeting_document_add(
                    meeting=form.instance,
                    user=request.user,
                    upload=data["file"],
                    kind=data["kind"],
                    language=data["language"],
                    visibility=data["visibility"],
                    title_fr=data.get("title_fr") or "",
                    title_en=data.get("title_en") or "",
                )
                formset.new_objects.append(added)
            elif document.pk and document_form.has_changed():
                document_form.save()
                formset.changed_objects.append((document, document_form.changed_data))
        return None


class RecommendationActorFormSet(forms.BaseInlineFormSet):
    def clean(self):
        """The rule of `recommendation_create`: at least one lead actor."""
        super().clean()
        kept = [
            form.cleaned_data
            for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]
        if not any(data.get("role") == RecommendationActor.Role.LEAD for data in kept):
            raise ValidationError(_("A recommendation needs at least one lead actor."))


class RecommendationActorInline(admin.TabularInline):
    """Who carries the recommendation out. Each actor's status comes from its accepted
    progress updates, so it is shown here, not edited."""

    model = RecommendationActor
    formset = RecommendationActorFormSet
    extra = 1
    fields = ["actor", "role", "status", "progress"]
    readonly_fields = ["status", "progress"]


class RecommendationAdminForm(forms.ModelForm):
    def clean_status(self):
        status = self.cleaned_data["status"]
        decided = (RecommendationStatus.CANCELLED, RecommendationStatus.SUPERSEDED)
        if status != self.instance.status and status not in decided:
            raise ValidationError(DERIVED_STATUS_RULE)
        return status

    def clean(self):
        data = super().clean()
        reference = data.get("reference")
        others = Recommendation.objects.exclude(pk=self.instance.pk)
        if reference and others.filter(reference=reference).exists():
            self.add_error(
                "reference",
                _("The reference %(reference)s is already used.") % {"reference": reference},
            )
        return data


@admin.register(Recommendation)
class RecommendationAdmin(SimpleHistoryAdmin, TranslatedAdmin):
    form = RecommendationAdminForm
    list_display = ["reference", "title", "meeting", "deadline", "status", "progress"]
    list_filter = ["status", "priority", "commission", "meeting"]
    search_fields = ["reference", "title_fr", "title_en"]
    list_select_related = ["meeting__commission"]
    readonly_fields = ["progress", "implemented_on"]
    inlines = [RecommendationActorInline]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.sequence, obj.reference = recommendation_number(
                meeting=obj.meeting, reference=obj.reference
            )
        obj._history_user = request.user
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        recommendation_follow_actors(
            recommendation=form.instance, user=request.user, on=timezone.localdate()
        )
        if not change:  # as recommendation_create does: the actors hear of it
            notify_assignment(recommendation=form.instance)


class EvidenceInline(admin.TabularInline):
    model = Evidence
    extra = 0
    fields = ["original_name", "content_type", "size"]
    readonly_fields = fields


@admin.register(ProgressUpdate)
class ProgressUpdateAdmin(admin.ModelAdmin):
    list_display = ["recommendation", "actor", "as_of", "progress", "proposed_status", "state"]
    list_filter = ["state", "proposed_status"]
    list_select_related = ["recommendation", "actor__member", "actor__body"]
    inlines = [EvidenceInline]
    readonly_fields = [
        "recommendation",
        "actor",
        "submitted_by",
        "submitted_at",
        "reviewed_by",
        "reviewed_at",
    ]


class ProposalAdminForm(forms.ModelForm):
    def clean_meeting(self):
        meeting = self.cleaned_data["meeting"]
        message = proposal_services.proposal_meeting_error(meeting)
        if message:
            raise ValidationError(message)
        return meeting


@admin.register(Proposal)
class ProposalAdmin(TranslatedAdmin):
    """Records and corrects proposals through the portal's services; the steps that follow
    (sending, the Conference's decision, its follow-up) are taken on the proposal's page."""

    form = ProposalAdminForm
    list_display = ["reference", "title", "meeting", "state", "decided_on"]
    list_filter = ["state"]
    search_fields = ["reference", "title_fr", "title_en"]
    list_select_related = ["meeting__commission"]
    fields = ["meeting", "title_fr", "title_en", "text_fr", "text_en"]
    readonly_fields = [
        "reference",
        "state",
        "sent_on",
        "decided_on",
        "decision_fr",
        "decision_en",
        "decision_reference",
        "conference",
        "follow_up",
    ]

    def get_fields(self, request, obj=None):
        if obj is None:
            return self.fields
        return ["reference", *self.fields, *self.readonly_fields[1:]]

    def get_readonly_fields(self, request, obj=None):
        return ["meeting", *self.readonly_fields] if obj else []

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        texts = {
            "title_fr": data["title_fr"],
            "title_en": data.get("title_en") or "",
            "text_fr": data["text_fr"],
            "text_en": data.get("text_en") or "",
        }
        if change:
            saved = proposal_services.proposal_update(proposal=obj, **texts)
        else:
            saved = proposal_services.proposal_create(meeting=data["meeting"], **texts)
        # The admin names and links the saved row in its message.
        obj.pk, obj.reference, obj.sequence = saved.pk, saved.reference, saved.sequence

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from simple_history.admin import SimpleHistoryAdmin

from gtr_portal.core.errors import DomainError
from gtr_portal.core.translated_admin import TranslatedAdmin, TranslatedLabelsMixin
from gtr_portal.core.uploads import DOCUMENTS, MB, validate_upload

from .models import (
    Evidence,
    Meeting,
    MeetingDocument,
    ProgressUpdate,
    Recommendation,
    RecommendationActor,
)
from .services import recommendation_number


class MeetingDocumentForm(forms.ModelForm):
    class Meta:
        model = MeetingDocument
        fields = ["kind", "title_fr", "title_en", "language", "file"]

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload and hasattr(upload, "content_type"):
            validate_upload(upload, kinds=DOCUMENTS, max_bytes=20 * MB)
            self.instance.size = upload.size
        return upload


class MeetingDocumentInline(TranslatedLabelsMixin, admin.TabularInline):
    model = MeetingDocument
    form = MeetingDocumentForm
    extra = 0


@admin.register(Meeting)
class MeetingAdmin(TranslatedAdmin):
    list_display = ["__str__", "kind", "start_date", "city", "status"]
    list_filter = ["kind", "status", "mode"]
    search_fields = ["slug", "city", "theme_fr", "theme_en"]
    filter_horizontal = ["participants"]
    inlines = [MeetingDocumentInline]
    list_select_related = ["commission", "host"]


class RecommendationActorInline(admin.TabularInline):
    model = RecommendationActor
    extra = 1
    autocomplete_fields = []


@admin.register(Recommendation)
class RecommendationAdmin(SimpleHistoryAdmin, TranslatedAdmin):
    list_display = ["reference", "title", "meeting", "deadline", "status", "progress"]
    list_filter = ["status", "priority", "commission", "meeting"]
    search_fields = ["reference", "title_fr", "title_en"]
    list_select_related = ["meeting__commission"]
    inlines = [RecommendationActorInline]

    def save_model(self, request, obj, form, change):
        if not change:
            try:
                recommendation_number(recommendation=obj)
            except DomainError as error:
                raise ValidationError(error.message) from None
        obj.set_status(obj.status, obj.progress)
        obj._history_user = request.user
        super().save_model(request, obj, form, change)


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

from django.contrib import admin

from gtr_portal.core.translated_admin import TranslatedAdmin

from .models import AssessorTerm, CommissionTerm, PresidencyTerm, TechnicalCommission


class CommissionTermInline(admin.StackedInline):
    model = CommissionTerm
    extra = 0
    filter_horizontal = ["members"]


@admin.register(TechnicalCommission)
class TechnicalCommissionAdmin(TranslatedAdmin):
    list_display = ["number", "name", "is_illustrative"]
    prepopulated_fields = {"slug": ["name_fr"]}
    inlines = [CommissionTermInline]


@admin.register(PresidencyTerm)
class PresidencyTermAdmin(TranslatedAdmin):
    list_display = ["administration", "start_date", "end_date"]
    list_select_related = ["administration"]


@admin.register(AssessorTerm)
class AssessorTermAdmin(TranslatedAdmin):
    list_display = ["actor", "start_date", "end_date", "designated_at"]
    list_select_related = ["actor__member", "actor__body"]


@admin.register(CommissionTerm)
class CommissionTermAdmin(admin.ModelAdmin):
    list_display = ["commission", "chair", "rapporteur", "start_date", "end_date"]
    list_select_related = ["commission", "chair", "rapporteur"]
    filter_horizontal = ["members"]

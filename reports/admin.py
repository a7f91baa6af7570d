from django.contrib import admin
from modeltranslation.admin import TabbedTranslationAdmin

from .models import Report, ReportFile


@admin.register(Report)
class ReportAdmin(TabbedTranslationAdmin):
    list_display = ["title", "kind", "version", "status", "finalised_at"]
    list_filter = ["kind", "status"]
    readonly_fields = ["status", "version", "supersedes", "finalised_at", "finalised_by"]


@admin.register(ReportFile)
class ReportFileAdmin(admin.ModelAdmin):
    list_display = ["report", "language", "pages", "size", "built_at"]

from django.contrib import admin

from gtr_portal.core.translated_admin import TranslatedAdmin

from .models import Report, ReportFile


@admin.register(Report)
class ReportAdmin(TranslatedAdmin):
    list_display = ["title", "kind", "version", "status", "finalised_at"]
    list_filter = ["kind", "status"]
    readonly_fields = ["status", "version", "supersedes", "finalised_at", "finalised_by"]


@admin.register(ReportFile)
class ReportFileAdmin(admin.ModelAdmin):
    list_display = ["report", "language", "pages", "size", "built_at"]

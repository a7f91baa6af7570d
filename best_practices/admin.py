from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from gtr_portal.core.translated_admin import PRIVATE_FILE_FIELDS, TranslatedAdmin

from .models import BestPractice, CompendiumEdition, CompendiumEntry, EditionFile, Theme


@admin.register(Theme)
class ThemeAdmin(TranslatedAdmin):
    list_display = ["name", "slug", "order"]


@admin.register(BestPractice)
class BestPracticeAdmin(SimpleHistoryAdmin, TranslatedAdmin):
    list_display = ["title", "administration", "state", "year_started", "published_at"]
    list_filter = ["state", "themes", "administration"]
    search_fields = ["title_fr", "title_en"]
    list_select_related = ["administration"]
    readonly_fields = ["created_by"]


class CompendiumEntryInline(admin.TabularInline):
    model = CompendiumEntry
    extra = 0


@admin.register(CompendiumEdition)
class CompendiumEditionAdmin(TranslatedAdmin):
    list_display = ["title", "period_start", "period_end", "status"]
    inlines = [CompendiumEntryInline]


@admin.register(EditionFile)
class EditionFileAdmin(admin.ModelAdmin):
    list_display = ["edition", "language", "pages", "size", "built_at", "downloads"]
    formfield_overrides = PRIVATE_FILE_FIELDS
    readonly_fields = ["content_hash"]

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from gtr_portal.core.translated_admin import TranslatedAdmin, TranslatedStackedInline

from .models import Actor, Body, FocalPoint, Interconnection, MemberAdministration, User


class FocalPointInline(TranslatedStackedInline):
    model = FocalPoint
    extra = 0
    autocomplete_fields = ["administration"]


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    ordering = ["email"]
    list_display = ["email", "first_name", "last_name", "role", "is_active", "last_login"]
    list_filter = ["role", "is_active", "language"]
    search_fields = ["email", "first_name", "last_name"]
    inlines = [FocalPointInline]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Person"), {"fields": ["first_name", "last_name", "language"]}),
        (_("Role"), {"fields": ["role", "body", "is_active"]}),
        (_("Dates"), {"fields": ["last_login", "date_joined", "invited_by"]}),
    ]
    add_fieldsets = [
        (None, {"classes": ["wide"], "fields": ["email", "role", "password1", "password2"]})
    ]
    readonly_fields = ["last_login", "date_joined", "invited_by"]


@admin.register(MemberAdministration)
class MemberAdministrationAdmin(SimpleHistoryAdmin, TranslatedAdmin):
    list_display = ["iso2", "name", "administration_name", "acronym", "clearance_system"]
    search_fields = ["iso2", "name", "administration_name", "acronym"]


@admin.register(Body)
class BodyAdmin(TranslatedAdmin):
    list_display = ["code", "name", "kind"]
    list_filter = ["kind"]
    search_fields = ["code", "name"]


@admin.register(Actor)
class ActorAdmin(admin.ModelAdmin):
    list_display = ["__str__", "member", "body"]
    list_select_related = ["member", "body"]


@admin.register(FocalPoint)
class FocalPointAdmin(TranslatedAdmin):
    list_display = ["user", "administration", "function", "job_title", "phone"]
    list_filter = ["function", "administration"]
    list_select_related = ["user", "administration"]
    autocomplete_fields = ["administration"]


@admin.register(Interconnection)
class InterconnectionAdmin(TranslatedAdmin):
    list_display = ["system", "status", "since"]
    list_filter = ["status"]
    filter_horizontal = ["members"]

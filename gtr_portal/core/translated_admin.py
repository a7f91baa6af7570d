"""The admin for translated models, without modeltranslation's tabs: those load jQuery UI from a
CDN, absent on the closed networks some administrations work on, and without them both versions
of a field were labelled alike ("Titre"). Here every version sits in the page, labelled with its
language, and nothing is loaded from another host."""

from django.contrib.admin.widgets import AdminFileWidget
from django.db import models
from modeltranslation.admin import (
    TranslationAdmin,
    TranslationStackedInline,
    TranslationTabularInline,
)

from .forms import translated_label


class TranslatedLabelsMixin:
    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        label = translated_label(db_field)
        if field is not None and label:
            field.label = label
        return field


class TranslatedAdmin(TranslatedLabelsMixin, TranslationAdmin):
    pass


class TranslatedStackedInline(TranslatedLabelsMixin, TranslationStackedInline):
    pass


class TranslatedTabularInline(TranslatedLabelsMixin, TranslationTabularInline):
    pass


class PrivateFileInput(AdminFileWidget):
    """The back office's file input for a file in private storage: the current file's name,
    without the public link such a file does not have (permission-checked views serve it)."""

    template_name = "core/widgets/private_file_input.html"

    def is_initial(self, value) -> bool:
        # Django's own test asks for the file's URL, which private storage refuses to give.
        return bool(value and getattr(value, "name", None))


PRIVATE_FILE_FIELDS = {models.FileField: {"widget": PrivateFileInput}}

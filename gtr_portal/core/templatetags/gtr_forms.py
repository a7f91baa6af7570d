from django import template

register = template.Library()


@register.filter
def form_layout(form) -> list:
    """The rows of a form: its visible fields, with translated fields grouped when the form
    uses TranslatedFieldsMixin."""
    layout = getattr(form, "layout", None)
    return layout() if callable(layout) else form.visible_fields()

from django import forms

from .errors import DomainError


def add_domain_error(form: forms.Form, error: DomainError) -> None:
    """Show a service's refusal on the form, next to the field it concerns when there is one."""
    field = error.field if error.field in form.fields else None
    form.add_error(field, error.message)

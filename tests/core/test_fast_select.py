"""FastSelect draws Django's <select> in Python: the very same HTML as the template renderer."""

import pytest
from django import forms

from gtr_portal.core.forms import FastSelect, with_choices_read


class Filters(forms.Form):
    meeting = forms.ChoiceField(
        choices=[
            ("", "All <meetings>"),
            ("gtr-5", "GTR 5 & 6"),
            ("Older", [("a", "A"), ("b", "B")]),
        ],
        required=False,
    )
    priority = forms.ChoiceField(
        choices=[("high", "High"), ("low", "Low")],
        widget=forms.Select(attrs={"class": "compact", "data-autosubmit": True, "hidden": False}),
    )
    status = forms.MultipleChoiceField(
        choices=[("open", "Open")], widget=forms.CheckboxSelectMultiple, required=False
    )


def squeezed(html) -> str:
    return "".join(str(html).split())


@pytest.mark.parametrize("name", ["meeting", "priority"])
@pytest.mark.parametrize("data", [{}, {"meeting": "b", "priority": "low"}])
def test_a_fast_select_draws_the_same_html_as_django(name, data):
    form = Filters(data=data or None)
    drawn_by_django = str(form[name])

    form.fields[name].widget.__class__ = FastSelect

    assert squeezed(form[name]) == squeezed(drawn_by_django)
    assert "&lt;meetings&gt;" in str(form["meeting"]) and "&amp;" in str(form["meeting"])


def test_only_plain_selects_are_drawn_fast():
    form = with_choices_read(Filters())

    assert type(form.fields["meeting"].widget) is FastSelect
    assert type(form.fields["status"].widget) is forms.CheckboxSelectMultiple

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gtr_portal.core.forms import TranslatedFieldsMixin
from recommendations.forms import MultipleFileField

from .models import BestPractice, CompendiumEdition, Theme


class PracticeForm(TranslatedFieldsMixin, forms.ModelForm):
    themes = forms.ModelMultipleChoiceField(
        label=_("Themes"),
        queryset=Theme.objects.order_by("order"),
        widget=forms.CheckboxSelectMultiple,
    )
    images = MultipleFileField(
        label=_("Images"),
        required=False,
        help_text=_(
            "PNG, JPEG, WebP or GIF; 5 MB at most each. The first one illustrates the "
            "practice in the compendium."
        ),
    )
    attachments = MultipleFileField(
        label=_("Attachments"),
        required=False,
        help_text=_("PDF, office documents or images; 15 MB at most each."),
    )

    class Meta:
        model = BestPractice
        fields = [
            "title_fr",
            "title_en",
            "summary_fr",
            "summary_en",
            "body_fr",
            "body_en",
            "results_fr",
            "results_en",
            "themes",
            "year_started",
            "contact",
        ]
        widgets = {
            "summary_fr": forms.Textarea(attrs={"rows": 3}),
            "summary_en": forms.Textarea(attrs={"rows": 3}),
            "body_fr": forms.Textarea(attrs={"rows": 12}),
            "body_en": forms.Textarea(attrs={"rows": 12}),
            "results_fr": forms.Textarea(attrs={"rows": 4}),
            "results_en": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, existing=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["images"].widget.attrs["accept"] = ".png,.jpg,.jpeg,.webp,.gif"
        if existing is not None:
            if existing.images.exists():
                self.fields["remove_images"] = forms.MultipleChoiceField(
                    label=_("Remove these images"),
                    required=False,
                    choices=[
                        (str(i.pk), i.image.name.rsplit("/", 1)[-1]) for i in existing.images.all()
                    ],
                    widget=forms.CheckboxSelectMultiple,
                )
            if existing.attachments.exists():
                self.fields["remove_attachments"] = forms.MultipleChoiceField(
                    label=_("Remove these attachments"),
                    required=False,
                    choices=[(str(a.pk), a.original_name) for a in existing.attachments.all()],
                    widget=forms.CheckboxSelectMultiple,
                )

    def clean_year_started(self):
        year = self.cleaned_data["year_started"]
        if not 1980 <= year <= timezone.localdate().year:
            raise forms.ValidationError(
                _("Give the year the practice was put in place (1980 to this year).")
            )
        return year


class PracticeReviewForm(forms.Form):
    decision = forms.ChoiceField(choices=[("publish", _("Publish")), ("return", _("Return"))])
    comment = forms.CharField(
        label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class EditionForm(TranslatedFieldsMixin, forms.ModelForm):
    class Meta:
        model = CompendiumEdition
        fields = [
            "title_fr",
            "title_en",
            "period_start",
            "period_end",
            "foreword_fr",
            "foreword_en",
        ]
        widgets = {
            "foreword_fr": forms.Textarea(attrs={"rows": 6}),
            "foreword_en": forms.Textarea(attrs={"rows": 6}),
        }

    def clean(self):
        data = super().clean()
        start, end = data.get("period_start"), data.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", _("The period cannot end before it starts."))
        return data

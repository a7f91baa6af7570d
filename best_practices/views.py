from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import FileResponse, Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.views.generic import DetailView, FormView, TemplateView, View
from rules.contrib.views import PermissionRequiredMixin

from gtr_portal.core.errors import DomainError
from gtr_portal.core.files import stored_file_response
from gtr_portal.core.forms import add_domain_error
from gtr_portal.core.images import RENDITIONS, ImageTooLarge, image_rendition
from gtr_portal.core.pagination import page_of
from members.models import MemberAdministration
from members.selectors import member_list

from . import selectors, services
from .forms import EditionForm, PracticeForm
from .models import (
    BestPractice,
    CompendiumEdition,
    EditionFile,
    PracticeAttachment,
    PracticeImage,
)

# Twelve cards fill rows of two, three or four, and keep the page light on slow links.
PAGE_SIZE = 12


class PracticeListView(TemplateView):
    template_name = "best_practices/bestpractice_list.html"

    def get_context_data(self, **kwargs):
        params = self.request.GET
        practices = selectors.practice_list(
            user=self.request.user,
            theme=params.get("theme", ""),
            member=params.get("member", ""),
            year=params.get("year", ""),
            search=params.get("q", "").strip(),
        )
        query = params.copy()
        query.pop("page", None)
        return super().get_context_data(
            page=page_of(practices, PAGE_SIZE, params.get("page")),
            themes=list(selectors.themes()),
            members=list(member_list()),
            query=query.urlencode(),
            **kwargs,
        )


class PracticeDetailView(DetailView):
    template_name = "best_practices/bestpractice_detail.html"
    context_object_name = "practice"

    def get_object(self, queryset=None):
        return selectors.practice_get(slug=self.kwargs["slug"], user=self.request.user)

    def get_context_data(self, **kwargs):
        practice = self.object
        context = super().get_context_data(
            missing_languages=services.missing_languages(practice), **kwargs
        )
        if not practice.is_published or self.request.user.has_perm(
            "best_practices.change_practice", practice
        ):
            context["history"] = selectors.practice_history(practice=practice)
        return context


class PracticeFormMixin:
    template_name = "best_practices/bestpractice_form.html"
    form_class = PracticeForm

    def save(self, form, *, practice=None, administration=None):
        data = {k: v for k, v in form.cleaned_data.items() if k in form.Meta.fields}
        try:
            return services.practice_save(
                user=self.request.user,
                data=data,
                practice=practice,
                administration=administration,
                images=form.cleaned_data.get("images", []),
                attachments=form.cleaned_data.get("attachments", []),
                remove_images=[int(pk) for pk in form.cleaned_data.get("remove_images", [])],
                remove_attachments=[
                    int(pk) for pk in form.cleaned_data.get("remove_attachments", [])
                ],
            )
        except DomainError as error:
            add_domain_error(form, error)
            return None


class PracticeCreateView(PermissionRequiredMixin, PracticeFormMixin, FormView):
    permission_required = "best_practices.add_practice"

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        if not self.request.user.administration_id:
            form.fields["administration"] = _administration_field()
        return form

    def form_valid(self, form):
        administration = form.cleaned_data.get("administration") or get_object_or_404(
            MemberAdministration, pk=self.request.user.administration_id
        )
        practice = self.save(form, administration=administration)
        if practice is None:
            return self.form_invalid(form)
        messages.success(self.request, _("The practice is saved as a draft."))
        return HttpResponseRedirect(practice.get_absolute_url())


def _administration_field():
    from django import forms

    return forms.ModelChoiceField(
        label=_("Administration"), queryset=MemberAdministration.objects.order_by("name")
    )


class PracticeUpdateView(PermissionRequiredMixin, PracticeFormMixin, FormView):
    permission_required = "best_practices.change_practice"

    def get_permission_object(self):
        if not hasattr(self, "practice"):
            self.practice = selectors.practice_get(slug=self.kwargs["slug"], user=self.request.user)
        return self.practice

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        practice = self.get_permission_object()
        kwargs["existing"] = practice
        if self.request.method == "GET":
            kwargs["initial"] = {
                **{f: getattr(practice, f) for f in PracticeForm.Meta.fields if f != "themes"},
                "themes": list(practice.themes.all()),
            }
        return kwargs

    def get_context_data(self, **kwargs):
        return super().get_context_data(practice=self.get_permission_object(), **kwargs)

    def form_valid(self, form):
        practice = self.save(form, practice=self.get_permission_object())
        if practice is None:
            return self.form_invalid(form)
        messages.success(self.request, _("The practice was saved."))
        return HttpResponseRedirect(practice.get_absolute_url())


class PracticeSubmitView(LoginRequiredMixin, PermissionRequiredMixin, View):
    permission_required = "best_practices.submit_practice"
    http_method_names = ["post"]

    def get_permission_object(self):
        return selectors.practice_get(slug=self.kwargs["slug"], user=self.request.user)

    def post(self, request, slug: str):
        practice = self.get_permission_object()
        try:
            services.practice_submit(practice=practice, user=request.user)
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("The practice was sent to the secretariat for review."))
        return HttpResponseRedirect(practice.get_absolute_url())


class PracticeReviewView(LoginRequiredMixin, PermissionRequiredMixin, View):
    permission_required = "best_practices.review_practice"
    http_method_names = ["post"]

    def get_permission_object(self):
        return selectors.practice_get(slug=self.kwargs["slug"], user=self.request.user)

    def post(self, request, slug: str):
        practice = self.get_permission_object()
        try:
            if request.POST.get("decision") == "publish":
                services.practice_publish(practice=practice, reviewer=request.user)
                messages.success(request, _("The practice is published."))
            else:
                services.practice_return(
                    practice=practice,
                    reviewer=request.user,
                    comment=request.POST.get("comment", ""),
                )
                messages.success(request, _("The practice was returned with your comment."))
        except DomainError as error:
            messages.error(request, error.message)
        return HttpResponseRedirect(practice.get_absolute_url())


class _PracticeFileView(View):
    """Images and attachments are served only to those who may see their practice."""

    model = None
    field = None

    def get(self, request, pk: int):
        item = get_object_or_404(self.model.objects.select_related("practice"), pk=pk)
        if not request.user.has_perm("best_practices.view_practice", item.practice):
            raise Http404
        file = getattr(item, self.field)
        return stored_file_response(
            request,
            storage=file.storage,
            name=self.stored_name(file),
            filename=getattr(item, "original_name", None) or file.name.rsplit("/", 1)[-1],
            as_attachment=self.field == "file",
            public=item.practice.state == BestPractice.State.PUBLISHED,
        )

    def stored_name(self, file) -> str:
        return file.name


class PracticeImageView(_PracticeFileView):
    model, field = PracticeImage, "image"

    def stored_name(self, file) -> str:
        size = self.request.GET.get("size")
        if size not in RENDITIONS:
            return file.name
        try:
            return image_rendition(file, size)
        except ImageTooLarge:  # stored before uploads were checked for it: never decoded
            raise Http404 from None


class PracticeAttachmentView(_PracticeFileView):
    model, field = PracticeAttachment, "file"


# --- Compendium -----------------------------------------------------------------------------


class CompendiumView(TemplateView):
    template_name = "best_practices/compendium.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            editions=list(selectors.edition_list(user=self.request.user)), **kwargs
        )


class EditionCreateView(PermissionRequiredMixin, FormView):
    permission_required = "best_practices.manage_editions"
    template_name = "best_practices/compendiumedition_form.html"
    form_class = EditionForm

    def form_valid(self, form):
        try:
            edition, count = services.edition_create(**form.cleaned_data)
        except DomainError as error:
            form.add_error(None, error.message)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("Edition created with the %(count)s practices published in its period.")
            % {"count": count},
        )
        return HttpResponseRedirect(edition.get_absolute_url())


class EditionDetailView(DetailView):
    template_name = "best_practices/compendiumedition_detail.html"
    context_object_name = "edition"

    def get_object(self, queryset=None):
        return selectors.edition_get(slug=self.kwargs["slug"], user=self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.request.user.has_perm("best_practices.manage_editions"):
            included = {entry.practice_id for entry in self.object.entries.all()}
            context["build"] = selectors.edition_latest_build(edition=self.object)
            context["candidates"] = [
                p
                for p in selectors.practice_list(user=self.request.user, state="published")
                if p.pk not in included
            ]
        return context


class _EditionActionView(LoginRequiredMixin, PermissionRequiredMixin, View):
    permission_required = "best_practices.manage_editions"
    http_method_names = ["post"]

    def edition(self):
        return get_object_or_404(CompendiumEdition, slug=self.kwargs["slug"])


class EditionBuildView(_EditionActionView):
    def post(self, request, slug: str):
        edition = self.edition()
        try:
            services.compendium_build_request(edition=edition, user=request.user)
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("The PDFs are being built; this page follows the work."))
        return HttpResponseRedirect(edition.get_absolute_url())


class EditionPublishView(_EditionActionView):
    def post(self, request, slug: str):
        edition = self.edition()
        try:
            services.edition_publish(edition=edition, user=request.user)
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("The edition is published on the compendium page."))
        return HttpResponseRedirect(edition.get_absolute_url())


class EditionPracticesView(_EditionActionView):
    """Add, remove and order the practices of an edition."""

    def post(self, request, slug: str):
        edition = self.edition()
        direction, _colon, pk = request.POST.get("move", "").partition(":")
        services.edition_change_practices(
            edition=edition,
            remove=[int(pk) for pk in request.POST.getlist("remove") if pk.isdigit()],
            add=[int(pk) for pk in request.POST.getlist("add") if pk.isdigit()],
            move=(direction, int(pk)) if direction in ("up", "down") and pk.isdigit() else None,
        )
        messages.success(request, _("The practices of the edition were updated."))
        return HttpResponseRedirect(edition.get_absolute_url() + "#practices")


class EditionDownloadView(View):
    def get(self, request, slug: str, language: str):
        edition = get_object_or_404(CompendiumEdition, slug=slug)
        if not request.user.has_perm("best_practices.view_edition", edition):
            raise Http404
        edition_file = get_object_or_404(EditionFile, edition=edition, language=language)
        services.edition_file_downloaded(edition_file=edition_file)
        return FileResponse(
            edition_file.file.open("rb"),
            as_attachment=True,
            filename=f"{edition.slug}-{language}.pdf",
            content_type="application/pdf",
        )

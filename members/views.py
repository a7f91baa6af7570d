from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import DetailView, FormView, ListView, TemplateView, UpdateView, View
from rules.contrib.views import PermissionRequiredMixin

from gtr_portal.core.errors import DomainError
from gtr_portal.core.forms import add_domain_error

from . import selectors, services
from .forms import InvitationForm, MemberProfileForm
from .models import User


class MemberListView(ListView):
    template_name = "members/memberadministration_list.html"
    context_object_name = "members"

    def get_queryset(self):
        return list(
            selectors.member_list(
                search=self.request.GET.get("q", "").strip(),
                with_focal_points=self.request.user.has_perm("members.view_focal_points"),
            )
        )


class MemberDetailView(DetailView):
    template_name = "members/memberadministration_detail.html"
    context_object_name = "member"

    def get_object(self, queryset=None):
        return selectors.member_get(
            iso2=self.kwargs["iso2"],
            with_focal_points=self.request.user.has_perm("members.view_focal_points"),
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.request.user.has_perm("members.view_memberadministration_history", self.object):
            context["history"] = selectors.member_history(member=self.object, limit=10)
        return context


class MemberUpdateView(PermissionRequiredMixin, UpdateView):
    permission_required = "members.change_memberadministration"
    template_name = "members/memberadministration_form.html"
    form_class = MemberProfileForm
    context_object_name = "member"

    def get_object(self, queryset=None):
        if not hasattr(self, "_member"):
            self._member = selectors.member_get(iso2=self.kwargs["iso2"])
        return self._member

    def form_valid(self, form):
        try:
            services.member_update_profile(
                member=self.object, changed_by=self.request.user, data=form.cleaned_data
            )
        except DomainError as error:
            add_domain_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The profile was saved."))
        return HttpResponseRedirect(self.object.get_absolute_url())


class UserListView(PermissionRequiredMixin, TemplateView):
    permission_required = "members.manage_users"
    template_name = "members/user_list.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(rows=selectors.user_list(), **kwargs)


class UserInviteView(PermissionRequiredMixin, FormView):
    permission_required = "members.manage_users"
    template_name = "members/user_invite.html"
    form_class = InvitationForm

    def form_valid(self, form):
        try:
            user = services.user_invite(invited_by=self.request.user, **form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("The invitation to %(email)s is queued; it will be sent in a moment.")
            % {"email": user.email},
        )
        return HttpResponseRedirect(reverse("members:user-list"))


class InvitationResendView(LoginRequiredMixin, PermissionRequiredMixin, View):
    permission_required = "members.manage_users"
    http_method_names = ["post"]

    def post(self, request, pk: int):
        user = get_object_or_404(User, pk=pk)
        try:
            services.invitation_request(user=user, requested_by=request.user)
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request, _("A new invitation to %(email)s is queued.") % {"email": user.email}
            )
        return HttpResponseRedirect(reverse("members:user-list"))

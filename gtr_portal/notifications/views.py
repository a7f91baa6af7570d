"""The signed-in user's notices: the list, opening one (which marks it read), marking all read,
and the choice between e-mails at once and a daily digest."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import ListView

from . import selectors, services
from .forms import PreferenceForm
from .models import Notification
from .rendering import notification_line, target_path


class NotificationListView(LoginRequiredMixin, ListView):
    template_name = "notifications/notification_list.html"
    context_object_name = "notifications"
    paginate_by = 20

    def get_queryset(self):
        return selectors.notification_list(for_user=self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        for notification in context["notifications"]:
            notification.line = notification_line(notification)
        context["form"] = kwargs.get("form") or PreferenceForm(
            initial={"frequency": selectors.preference_get(for_user=self.request.user)}
        )
        context["unread"] = any(not n.is_read for n in context["notifications"])
        return context


class NotificationOpenView(LoginRequiredMixin, View):
    def get(self, request, pk: int):
        try:
            notification = selectors.notification_get(for_user=request.user, pk=pk)
        except Notification.DoesNotExist:
            raise Http404 from None
        services.notification_mark_read(notification=notification)
        return HttpResponseRedirect(target_path(notification))


class NotificationReadAllView(LoginRequiredMixin, View):
    http_method_names = ["post"]

    def post(self, request):
        services.notifications_mark_all_read(user=request.user)
        messages.success(request, _("All your notifications are marked as read."))
        return HttpResponseRedirect(reverse("notifications:notification-list"))


class PreferenceUpdateView(LoginRequiredMixin, View):
    http_method_names = ["post"]

    def post(self, request):
        form = PreferenceForm(request.POST)
        if form.is_valid():
            services.preference_set(user=request.user, frequency=form.cleaned_data["frequency"])
            messages.success(request, _("Your choice is saved."))
        else:
            messages.error(request, _("Choose how notices that can wait reach you."))
        return HttpResponseRedirect(reverse("notifications:notification-list"))

from allauth.account.decorators import secure_admin_login
from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.views.static import serve

from gtr_portal.core import views as core_views
from gtr_portal.core.translation_status import TranslationStatusView
from recommendations.views import HomeView

# The back office signs in through allauth, so that two-factor authentication applies there too.
admin.site.login = secure_admin_login(admin.site.login)
admin.site.site_header = "GTR Portal"
admin.site.site_title = "GTR Portal"

# A refused access is recorded in the security log before the translated 403 page is shown.
handler403 = "gtr_portal.audit.views.permission_denied"

urlpatterns = [
    path("healthz", core_views.healthz, name="healthz"),
    path("i18n/setlang/", core_views.language_switch, name="set_language"),
]

urlpatterns += i18n_patterns(
    path("", HomeView.as_view(), name="home"),
    path("", include("members.urls")),
    path("", include("commissions.urls")),
    path("", include("recommendations.urls")),
    path("", include("best_practices.urls")),
    path("", include("reports.urls")),
    path("", include("gtr_portal.jobs.urls")),
    path("", include("gtr_portal.notifications.urls")),
    path("translations/", TranslationStatusView.as_view(), name="translation-status"),
    path("audit/", include("gtr_portal.audit.urls")),
    path("accounts/", include("allauth.urls")),
    path("admin/", admin.site.urls),
    prefix_default_language=True,
)

if settings.DEBUG:
    urlpatterns += [path("media/<path:path>", serve, {"document_root": settings.MEDIA_ROOT})]

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path, re_path
from django.views.generic import RedirectView

from evaluasi import urls_kinerja as kinerja_evaluasi
from opd import views as opd_views
from opd.forms import LoginForm
from penilaian import urls_kinerja as kinerja_penilaian

from . import views

urlpatterns = [
    path("", opd_views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("accounts/login/", auth_views.LoginView.as_view(authentication_form=LoginForm), name="login"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    # The organisation-predikat thresholds moved from evaluasi to penilaian, and their admin pages with them: the old
    # addresses (the only ones evaluasi had in the admin) lead to the new ones.
    re_path(
        r"^admin/evaluasi/(?P<rest>(?:aturanpenilaian/.*)?)$",
        RedirectView.as_view(url="/admin/penilaian/%(rest)s", permanent=True, query_string=True),
    ),
    path("admin/", admin.site.urls),
    path("", include("opd.urls")),
    path("indikator/", include("indikator.urls")),
    path("realisasi/", include("evaluasi.urls")),
    # One namespace for the "Kinerja" pages: the ASN's own page (with their evaluations) is penilaian's, the OPD's
    # page is evaluasi's.
    path("kinerja/", include((kinerja_penilaian.urlpatterns + kinerja_evaluasi.urlpatterns, "kinerja"))),
    path("penilaian/", include("penilaian.urls")),
    path("", include("pengaduan.urls")),
    path("laporan/", include("laporan.urls")),
    path("dasbor/", include("laporan.urls_dasbor")),
]

handler404 = "kinerja.views.page_not_found"
handler403 = "kinerja.views.permission_denied"
handler500 = "kinerja.views.server_error"

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from opd import views as opd_views
from opd.forms import LoginForm

from . import views

urlpatterns = [
    path("", opd_views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("accounts/login/", auth_views.LoginView.as_view(authentication_form=LoginForm), name="login"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("", include("opd.urls")),
    path("indikator/", include("indikator.urls")),
    path("realisasi/", include("evaluasi.urls")),
    path("kinerja/", include("evaluasi.urls_kinerja")),
    path("penilaian/", include("evaluasi.urls_penilaian")),
    path("", include("pengaduan.urls")),
    path("laporan/", include("laporan.urls")),
    path("dasbor/", include("laporan.urls_dasbor")),
]

handler404 = "kinerja.views.page_not_found"
handler403 = "kinerja.views.permission_denied"
handler500 = "kinerja.views.server_error"

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path, re_path
from django.views.generic import RedirectView

from evaluasi import urls_kinerja as kinerja_evaluasi
from laporan import urls_publik as transparansi_urls
from laporan import views_tugas
from opd import urls as opd_urls
from opd.forms import LoginForm
from pengaduan import urls as pengaduan_urls
from penilaian import urls_kinerja as kinerja_penilaian
from survei import urls as survei_urls

from . import views

# The survey, days-off and transparency pages began in the pengaduan app. Their addresses never changed, and their old
# names (pengaduan:<name>) still reverse to them: the same patterns, listed again under the pengaduan namespace after
# their own includes, so that a request always resolves to the page's own namespace first.
NAMA_LAMA_PENGADUAN = {
    # The survey's pages of the time it moved; pages added since have their new name only.
    "survei": [p for p in survei_urls.urlpatterns if p.name != "undangan"],
    "opd": [p for p in opd_urls.urlpatterns if p.name in ("hari_libur", "hari_libur_hapus")],
    "transparansi": transparansi_urls.urlpatterns,
}

urlpatterns = [
    path("", views_tugas.beranda, name="home"),
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
    path("", include("survei.urls")),
    path("", include("laporan.urls_publik")),
    path(
        "",
        include(
            (
                [*pengaduan_urls.urlpatterns, *(p for pola in NAMA_LAMA_PENGADUAN.values() for p in pola)],
                pengaduan_urls.app_name,
            )
        ),
    ),
    path("laporan/", include("laporan.urls")),
    path("dasbor/", include("laporan.urls_dasbor")),
    path("", include("api.urls")),
]

handler400 = "kinerja.views.bad_request"
handler404 = "kinerja.views.page_not_found"
handler403 = "kinerja.views.permission_denied"
handler500 = "kinerja.views.server_error"

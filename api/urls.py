from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework import routers

from . import views, views_api

app_name = "api"

router = routers.DefaultRouter(trailing_slash=True)
router.include_root_view = False
router.register("instansi", views_api.InstansiViewSet, basename="instansi")
router.register("opd", views_api.OpdViewSet, basename="opd")
router.register("pegawai", views_api.PegawaiViewSet, basename="pegawai")
router.register("indikator", views_api.IndikatorViewSet, basename="indikator")
router.register("realisasi", views_api.RealisasiViewSet, basename="realisasi")
router.register("capaian", views_api.CapaianViewSet, basename="capaian")
router.register("skor-opd", views_api.SkorOpdViewSet, basename="skor-opd")
router.register("skor-pegawai", views_api.SkorPegawaiViewSet, basename="skor-pegawai")
router.register("penilaian", views_api.PenilaianViewSet, basename="penilaian")
router.register("predikat-opd", views_api.PredikatOpdViewSet, basename="predikat-opd")
router.register("statistik-pengaduan", views_api.StatistikPengaduanViewSet, basename="statistik-pengaduan")
router.register("hasil-survei", views_api.HasilSurveiViewSet, basename="hasil-survei")

urlpatterns = [
    path("token-api/", views.token_list, name="token_list"),
    path("token-api/<int:pk>/cabut/", views.token_revoke, name="token_revoke"),
    path("api/v1/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/v1/docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
    path("api/v1/", include(router.urls)),
]

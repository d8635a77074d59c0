from django.urls import path

from . import views_kinerja

app_name = "kinerja"

urlpatterns: list = [
    path("saya/", views_kinerja.saya, name="saya"),
    path("pegawai/<int:pk>/", views_kinerja.pegawai, name="pegawai"),
    path("opd/<int:pk>/", views_kinerja.opd, name="opd"),
]

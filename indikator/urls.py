from django.urls import path

from . import views

app_name = "indikator"

urlpatterns = [
    path("", views.index, name="index"),
    path("opd/<int:opd_pk>/", views.indikator_list, name="indikator_list"),
    path("opd/<int:opd_pk>/<int:tahun>/tambah/", views.indikator_create, name="indikator_create"),
    path("opd/<int:opd_pk>/salin/", views.indikator_copy, name="indikator_copy"),
    path("<int:pk>/", views.indikator_detail, name="indikator_detail"),
    path("<int:pk>/ubah/", views.indikator_edit, name="indikator_edit"),
    path("periode/", views.periode_list, name="periode_list"),
    path("periode/<int:pk>/ubah/", views.periode_edit, name="periode_edit"),
    path("periode/<int:pk>/tutup/", views.periode_tutup, name="periode_tutup"),
    path("periode/<int:pk>/buka-ulang/", views.periode_buka_ulang, name="periode_buka_ulang"),
]

from django.urls import path

from . import views, views_publik

app_name = "survei"

# The public addresses are printed on QR codes at the counters: they never change.
urlpatterns = [
    # The public, without an account.
    path("survei/", views_publik.survei_index, name="survei_index"),
    path("survei/<int:opd_pk>/", views_publik.survei, name="survei"),
    path("survei/undangan/<str:token>/", views_publik.survei_undangan, name="undangan"),
    path("survei/<int:opd_pk>/terima-kasih/", views_publik.survei_terima_kasih, name="survei_terima_kasih"),
    # Staff.
    path("survei/kelola/", views.layanan_list, name="layanan_list"),
    path("survei/kelola/<int:pk>/aktif/", views.layanan_aktif, name="layanan_aktif"),
    path("survei/kelola/<int:pk>/qr.svg", views.layanan_qr, name="layanan_qr"),
    path("survei/kelola/<int:pk>/cetak/", views.layanan_cetak, name="layanan_cetak"),
    path("survei/hasil/", views.ikm, name="ikm"),
]

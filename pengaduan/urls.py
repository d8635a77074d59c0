from django.urls import path

from . import views, views_publik

app_name = "pengaduan"

urlpatterns = [
    # The public, without an account.
    path("pengaduan/", views_publik.pengaduan_form, name="form"),
    path("pengaduan/terkirim/", views_publik.pengaduan_terkirim, name="terkirim"),
    path("pengaduan/lacak/", views_publik.lacak, name="lacak"),
    path("pengaduan/lacak/<int:pk>/", views_publik.lacak_detail, name="lacak_detail"),
    path("pengaduan/lacak/<int:pk>/balas/", views_publik.lacak_balas, name="lacak_balas"),
    path("pengaduan/lacak/<int:pk>/nilai/", views_publik.lacak_nilai, name="lacak_nilai"),
    path("pengaduan/lacak/<int:pk>/lampiran/<int:lampiran_pk>/", views_publik.lacak_lampiran, name="lacak_lampiran"),
    path("survei/", views_publik.survei_index, name="survei_index"),
    path("survei/<int:opd_pk>/", views_publik.survei, name="survei"),
    path("survei/<int:opd_pk>/terima-kasih/", views_publik.survei_terima_kasih, name="survei_terima_kasih"),
    path("publik/", views_publik.publik, name="publik"),
    path("publik/<int:opd_pk>/", views_publik.publik_opd, name="publik_opd"),
    # Staff.
    path("pengaduan/kelola/", views.daftar, name="daftar"),
    path("pengaduan/kelola/<int:pk>/", views.detail, name="detail"),
    path("pengaduan/kelola/<int:pk>/aksi/", views.aksi, name="aksi"),
    path("pengaduan/kelola/<int:pk>/lampiran/<int:lampiran_pk>/", views.lampiran, name="lampiran"),
    path("pengaduan/hari-libur/", views.hari_libur, name="hari_libur"),
    path("pengaduan/hari-libur/<int:pk>/hapus/", views.hari_libur_hapus, name="hari_libur_hapus"),
    path("survei/kelola/", views.layanan_list, name="layanan_list"),
    path("survei/kelola/<int:pk>/aktif/", views.layanan_aktif, name="layanan_aktif"),
    path("survei/kelola/<int:pk>/qr.svg", views.layanan_qr, name="layanan_qr"),
    path("survei/kelola/<int:pk>/cetak/", views.layanan_cetak, name="layanan_cetak"),
    path("survei/hasil/", views.ikm, name="ikm"),
]

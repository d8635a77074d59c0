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
    path("pengaduan/lacak/<int:pk>/buka-kembali/", views_publik.lacak_buka_kembali, name="lacak_buka_kembali"),
    path("pengaduan/lacak/<int:pk>/tidak-selesai/", views_publik.lacak_tidak_selesai, name="lacak_tidak_selesai"),
    path("pengaduan/lacak/<int:pk>/lampiran/<int:lampiran_pk>/", views_publik.lacak_lampiran, name="lacak_lampiran"),
    # Staff.
    path("pengaduan/kelola/", views.daftar, name="daftar"),
    path("pengaduan/kelola/<int:pk>/", views.detail, name="detail"),
    path("pengaduan/kelola/<int:pk>/aksi/", views.aksi, name="aksi"),
    path("pengaduan/kelola/<int:pk>/lampiran/<int:lampiran_pk>/", views.lampiran, name="lampiran"),
]

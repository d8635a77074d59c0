from django.urls import path

from . import views, views_akun, views_audit, views_impor, views_libur, views_notifikasi

app_name = "opd"

urlpatterns = [
    path("opd/", views.opd_list, name="opd_list"),
    path("opd/<int:pk>/", views.opd_detail, name="opd_detail"),
    path("pegawai/", views.pegawai_list, name="pegawai_list"),
    path("pegawai/<int:pk>/", views.pegawai_detail, name="pegawai_detail"),
    path("pegawai/impor/", views_impor.pegawai_import, name="pegawai_import"),
    path("pegawai/impor/contoh.csv", views_impor.pegawai_import_template, name="pegawai_import_template"),
    path("akun/terkunci/", views.lockout_list, name="lockout_list"),
    path("akun/terkunci/buka/", views.lockout_reset, name="lockout_reset"),
    path("akun/keamanan/", views_akun.keamanan, name="akun_keamanan"),
    path("akun/keamanan/pasang/", views_akun.pasang, name="dua_langkah_pasang"),
    path("akun/keamanan/kode-pemulihan/", views_akun.kode_pemulihan, name="kode_pemulihan"),
    path("akun/keamanan/matikan/", views_akun.matikan, name="dua_langkah_matikan"),
    path("akun/verifikasi/", views_akun.verifikasi, name="dua_langkah_verifikasi"),
    path("notifikasi/", views_notifikasi.daftar, name="notifikasi"),
    path("notifikasi/jumlah/", views_notifikasi.jumlah, name="notifikasi_jumlah"),
    path("notifikasi/<int:pk>/baca/", views_notifikasi.baca, name="notifikasi_baca"),
    path("notifikasi/baca-semua/", views_notifikasi.baca_semua, name="notifikasi_baca_semua"),
    path("notifikasi/preferensi/", views_notifikasi.preferensi, name="notifikasi_preferensi"),
    path("notifikasi/berhenti/<str:token>/", views_notifikasi.berhenti, name="notifikasi_berhenti"),
    path("audit/", views_audit.audit, name="audit"),
    path("audit/unduh.csv", views_audit.audit_csv, name="audit_csv"),
    # The address it had when the days off were part of the complaints.
    path("pengaduan/hari-libur/", views_libur.hari_libur, name="hari_libur"),
    path("pengaduan/hari-libur/<int:pk>/hapus/", views_libur.hari_libur_hapus, name="hari_libur_hapus"),
]

from django.urls import path

from . import views, views_excel, views_grid

app_name = "evaluasi"

grid_prefix = "<int:opd_pk>/<int:tahun>/<int:triwulan>/"

urlpatterns = [
    path("", views.grid_index, name="grid_index"),
    path("<int:opd_pk>/", views.grid_index_opd, name="grid_index_opd"),
    path(grid_prefix, views_grid.grid, name="grid"),
    path(f"{grid_prefix}ajukan/", views_grid.grid_ajukan, name="grid_ajukan"),
    path(f"{grid_prefix}verifikasi/", views_grid.grid_verifikasi, name="grid_verifikasi"),
    path(f"{grid_prefix}excel/", views_excel.grid_excel, name="grid_excel"),
    path(f"{grid_prefix}excel/unggah/", views_excel.grid_excel_unggah, name="grid_excel_unggah"),
    path(f"{grid_prefix}<int:indikator_pk>/", views_grid.grid_baris, name="grid_baris"),
    path(f"{grid_prefix}<int:indikator_pk>/pratinjau/", views_grid.grid_pratinjau, name="grid_pratinjau"),
    path(f"{grid_prefix}<int:indikator_pk>/rinci/", views_grid.grid_rinci, name="grid_rinci"),
    path("bukti/<int:pk>/", views.bukti_unduh, name="bukti_unduh"),
    path("bukti/<int:pk>/hapus/", views.bukti_hapus, name="bukti_hapus"),
    path("riwayat/<int:indikator_pk>/", views.riwayat, name="riwayat"),
]

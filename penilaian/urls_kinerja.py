from django.urls import path

from . import views_kinerja

# In the ``kinerja`` namespace with evaluasi/urls_kinerja.py (kinerja/urls.py joins them).
urlpatterns: list = [
    path("saya/", views_kinerja.saya, name="saya"),
    path("pegawai/<int:pk>/", views_kinerja.pegawai, name="pegawai"),
]

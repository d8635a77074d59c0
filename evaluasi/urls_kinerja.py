from django.urls import path

from . import views_kinerja

# In the ``kinerja`` namespace with penilaian/urls_kinerja.py (kinerja/urls.py joins them).
urlpatterns: list = [
    path("opd/<int:pk>/", views_kinerja.opd, name="opd"),
]

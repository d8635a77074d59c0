from django.urls import path

from . import views_publik

app_name = "transparansi"

urlpatterns = [
    path("publik/", views_publik.publik, name="publik"),
    path("publik/<int:opd_pk>/", views_publik.publik_opd, name="publik_opd"),
]

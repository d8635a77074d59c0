from django.urls import path

from . import views, views_siasn

app_name = "laporan"

urlpatterns = [
    path("", views.index, name="index"),
    path("minta/", views.minta, name="minta"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/unduh/", views.unduh, name="unduh"),
    path("siasn/", views_siasn.siasn_periksa, name="siasn"),
    path("siasn/ekspor.json", views_siasn.siasn_json, name="siasn_json"),
    path("siasn/ekspor.xlsx", views_siasn.siasn_xlsx, name="siasn_xlsx"),
]

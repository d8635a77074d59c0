from django.urls import path

from . import views

app_name = "laporan"

urlpatterns = [
    path("", views.index, name="index"),
    path("minta/", views.minta, name="minta"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/unduh/", views.unduh, name="unduh"),
]

from django.urls import path

from . import views_dasbor

app_name = "dasbor"

urlpatterns = [
    path("", views_dasbor.index, name="index"),
    path("saya/", views_dasbor.saya, name="saya"),
    path("bkn/", views_dasbor.bkn, name="bkn"),
    path("instansi/<int:pk>/", views_dasbor.instansi, name="instansi"),
    path("opd/<int:pk>/", views_dasbor.opd, name="opd"),
]

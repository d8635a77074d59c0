from django.urls import path  # noqa: F401

app_name = "indikator"

urlpatterns: list = []

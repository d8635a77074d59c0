from django.db import connection
from django.http import JsonResponse
from django.shortcuts import render


def healthz(request):
    """For load balancers: answers 200 when the database answers."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


def bad_request(request, exception=None):
    return render(request, "400.html", status=400)


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def permission_denied(request, exception=None):
    return render(request, "403.html", status=403)


def server_error(request):
    return render(request, "500.html", status=500)

"""The home page, "Tugas saya": for each of the user's roles, what needs doing now."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_safe

from . import tugas


@login_required
@require_safe
def beranda(request):
    return render(request, "laporan/tugas_saya.html", {"beranda": tugas.tugas_untuk(user=request.user)})

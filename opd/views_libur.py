"""The instansi's days off: the working-day calendar its deadlines are counted in. Kept by its Petugas Pengaduan and
Admin Instansi; the page keeps the address it had under the complaints (/pengaduan/hari-libur/)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import selectors, services
from .forms import HariLiburForm


@login_required
def hari_libur(request):
    instansi_qs = selectors.instansi_libur_for_user(user=request.user)
    if not instansi_qs.exists():
        raise Http404
    if request.method == "POST":
        form = HariLiburForm(request.POST, instansi_qs=instansi_qs)
        if form.is_valid():
            try:
                services.hari_libur_add(
                    actor=request.user,
                    instansi=form.cleaned_data["instansi"],
                    tanggal=form.cleaned_data["tanggal"],
                    keterangan=form.cleaned_data["keterangan"],
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("Hari libur ditambahkan; tenggat pengaduan yang berjalan disesuaikan."))
                return redirect("opd:hari_libur")
        status = 422
    else:
        form = HariLiburForm(instansi_qs=instansi_qs, initial={"instansi": instansi_qs.first()})
        status = 200
    tahun = timezone.localdate().year
    import holidays

    # The same public category the deadlines use (hari_kerja.libur_nasional), with Indonesian names.
    nasional = sorted(holidays.Indonesia(years=[tahun, tahun + 1], language="id").items())
    daftar = selectors.hari_libur_for_user(user=request.user).filter(tanggal__year__gte=tahun - 1)
    return render(
        request,
        "opd/hari_libur.html",
        {"form": form, "daftar": daftar, "nasional": nasional, "tahun": tahun},
        status=status,
    )


@login_required
@require_POST
def hari_libur_hapus(request, pk: int):
    libur = get_object_or_404(selectors.hari_libur_for_user(user=request.user), pk=pk)
    services.hari_libur_delete(actor=request.user, hari_libur=libur)
    messages.success(request, _("Hari libur dihapus."))
    return redirect("opd:hari_libur")

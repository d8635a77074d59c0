"""The OPD's evaluation summary: its staff's predikat for a period, their distribution, the organisation predikat
(suggested from the OPD's score, set by the Admin Instansi) and the distribution check.

Each view: access (a scoped selector: out of scope is a 404; may read but not change is a 403) → form → one service
→ redirect with a message, or render.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST, require_safe

from opd.lingkup import get_lingkup

from . import selectors, selectors_opd, services_opd
from .forms import PredikatOpdForm
from .models import PredikatKinerja
from .views import _tahun_valid

LABEL_ATURAN = {
    "paling_banyak": gettext_lazy("paling banyak %(batas)s%%"),
    "paling_sedikit": gettext_lazy("paling sedikit %(batas)s%%"),
    "minimal_satu": gettext_lazy("minimal satu orang"),
    "tidak_ada": gettext_lazy("tidak boleh ada"),
}


def _teks_aturan(hasil) -> str:
    nama = _(" atau ").join(str(PredikatKinerja(p.value).label) for p in hasil.predikat)
    return f"{nama}: {LABEL_ATURAN[hasil.aturan.value] % {'batas': f'{hasil.batas:g}'}}"


@login_required
@require_safe
def opd(request, opd_pk: int, tahun: int):
    """The OPD's evaluation summary: staff and their predikat for the period, the actual distribution, the
    organisation predikat (suggested from the OPD score, set by the Admin Instansi) and the distribution check."""
    _tahun_valid(tahun)
    obj = selectors_opd.opd_ringkasan_get(user=request.user, pk=opd_pk)
    periode = selectors.PeriodePenilaian.dari_kode(request.GET.get("periode", "")) or selectors.SEMUA_PERIODE[4]
    data = selectors_opd.ringkasan_opd(opd=obj, tahun=tahun, periode=periode)
    admin = get_lingkup(request.user).is_admin_instansi(obj.instansi_id)
    form = None
    if admin:
        awal = data.predikat_opd.predikat if data.predikat_opd else (data.saran_organisasi or "")
        form = PredikatOpdForm(
            initial={"predikat": awal, "catatan": data.predikat_opd.catatan if data.predikat_opd else ""}
        )
    return render(
        request,
        "penilaian/opd.html",
        {
            "opd": obj,
            "tahun": tahun,
            "periode": periode,
            "semua_periode": selectors.SEMUA_PERIODE,
            "tahun_pilihan": list(range(tahun + 1, tahun - 4, -1)),
            "data": data,
            "pemeriksaan": [(h, _teks_aturan(h)) for h in data.pemeriksaan],
            "form": form,
        },
    )


@login_required
@require_POST
def predikat_opd(request, opd_pk: int, tahun: int):
    _tahun_valid(tahun)
    obj = selectors_opd.opd_ringkasan_get(user=request.user, pk=opd_pk)
    if not get_lingkup(request.user).is_admin_instansi(obj.instansi_id):
        raise PermissionDenied
    form = PredikatOpdForm(request.POST)
    url = reverse("penilaian:opd", args=[obj.pk, tahun])
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect(url)
    hasil = services_opd.predikat_opd_tetapkan(
        actor=request.user,
        opd=obj,
        tahun=tahun,
        predikat=form.cleaned_data["predikat"],
        catatan=form.cleaned_data["catatan"],
    )
    messages.success(
        request,
        _("Predikat organisasi %(opd)s tahun %(tahun)s ditetapkan: %(predikat)s.")
        % {"opd": obj.nama, "tahun": tahun, "predikat": hasil.get_predikat_display()},
    )
    return redirect(url)

"""Where to enter realisations (the grid itself is in views_grid.py), evidence files, and the history of changes."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from indikator.models import ROMAWI, Periode
from indikator.services import hari_ini_instansi
from opd import selectors as opd_selectors

from . import selectors, services
from .models import Realisasi


def _triwulan_valid(tahun: int, triwulan: int) -> None:
    if not (1 <= triwulan <= 4 and 2000 <= tahun <= 2100):
        raise Http404


def triwulan_berjalan(hari_ini: datetime.date) -> tuple[int, int]:
    """The quarter whose entry is due: the previous one during the first ten days after it ends."""
    q = (hari_ini.month - 1) // 3 + 1
    awal = datetime.date(hari_ini.year, 3 * (q - 1) + 1, 1)
    if hari_ini - awal < datetime.timedelta(days=10):
        return (hari_ini.year - 1, 4) if q == 1 else (hari_ini.year, q - 1)
    return hari_ini.year, q


@login_required
def grid_index(request):
    """Where to enter: straight to the grid for a user with one OPD, a choice otherwise."""
    opds = list(opd_selectors.opd_for_user(user=request.user))
    if not opds:
        raise Http404
    tahun, tw = triwulan_aktif(opds[0].instansi)
    if len(opds) == 1:
        return redirect("evaluasi:grid", opd_pk=opds[0].pk, tahun=tahun, triwulan=tw)
    return render(request, "evaluasi/grid_index.html", {"opds": opds, "tahun": tahun, "triwulan": tw})


@login_required
def grid_index_opd(request, opd_pk: int):
    """The OPD's grid at the quarter now open for entry."""
    opd = opd_selectors.opd_get_for_user(user=request.user, pk=opd_pk)
    tahun, tw = triwulan_aktif(opd.instansi)
    return redirect("evaluasi:grid", opd_pk=opd.pk, tahun=tahun, triwulan=tw)


def triwulan_aktif(instansi) -> tuple[int, int]:
    """The latest quarter whose entry window is open today in the instansi's zone, else the quarter now due."""
    hari_ini = hari_ini_instansi(instansi)
    terbuka = (
        Periode.objects.filter(instansi=instansi, dibuka__lte=hari_ini, ditutup__gte=hari_ini)
        .order_by("-tahun", "-triwulan")
        .values_list("tahun", "triwulan")
        .first()
    )
    return terbuka or triwulan_berjalan(hari_ini)


@login_required
def bukti_unduh(request, pk: int):
    bukti = selectors.bukti_get_for_user(user=request.user, pk=pk)
    try:
        handle = bukti.berkas.open("rb")
    except FileNotFoundError:
        raise Http404
    response = FileResponse(handle, as_attachment=True, filename=bukti.nama_asli, content_type=bukti.jenis_konten)
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@require_POST
def bukti_hapus(request, pk: int):
    bukti = selectors.bukti_get_for_user(user=request.user, pk=pk)
    realisasi = bukti.realisasi
    try:
        services.bukti_hapus(actor=request.user, bukti=bukti)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Bukti %(nama)s dihapus.") % {"nama": bukti.nama_asli})
    url = reverse("evaluasi:grid", args=[realisasi.indikator.opd_id, realisasi.indikator.tahun, realisasi.triwulan])
    return redirect(f"{url}#baris-{realisasi.indikator_id}")


@login_required
def riwayat(request, indikator_pk: int):
    """Every change to the indicator's realisations: who, when, old → new."""
    indikator = selectors.indikator_readable_for_user(user=request.user, pk=indikator_pk)
    entries = riwayat_realisasi(indikator=indikator)
    template = "evaluasi/_riwayat_realisasi.html" if request.htmx else "evaluasi/riwayat.html"
    return render(request, template, {"indikator": indikator, "entries": entries})


def riwayat_realisasi(*, indikator) -> list[dict]:
    history = list(
        Realisasi.history.filter(indikator_id=indikator.pk)
        .select_related("history_user")
        .order_by("triwulan", "history_date", "history_id")
    )
    entries, previous = [], {}
    fields = ["nilai", "status", "kendala", "solusi", "bukti_tautan", "bukti_teks", "alasan_pengembalian"]
    for record in history:
        before = previous.get(record.triwulan)
        changes = []
        for name in fields:
            old = getattr(before, name) if before else None
            new = getattr(record, name)
            if old != new and not (before is None and new in ("", None)):
                changes.append({"field": Realisasi._meta.get_field(name).verbose_name, "lama": old, "baru": new})
        entries.append({"record": record, "changes": changes, "triwulan": ROMAWI[record.triwulan]})
        previous[record.triwulan] = record
    entries.reverse()
    return entries

"""The read-only "Kinerja" page of an OPD: its score, IKU, completeness and indicators under target.

An ASN's own page (``kinerja:saya``, ``kinerja:pegawai``) shows their evaluations too, so it lives in
penilaian/views_kinerja.py.
"""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from opd import masukan
from opd import selectors as opd_selectors

from . import selectors_kinerja as selectors


def tahun_diminta(request) -> int:
    """`?tahun=` when it is a plausible year, else the current year in the user's instansi zone."""
    return masukan.tahun(request.GET.get("tahun"), bawaan=timezone.localdate().year)


@login_required
@require_safe
def opd(request, pk: int):
    obj = opd_selectors.opd_get_for_user(user=request.user, pk=pk)
    tahun = tahun_diminta(request)
    data = selectors.kinerja_opd(
        opd=obj, tahun=tahun, halaman_iku=request.GET.get("page"), halaman_bawah=request.GET.get("page_bawah")
    )
    return render(request, "evaluasi/kinerja_opd.html", {"data": data, "opd": obj, "tahun": tahun})

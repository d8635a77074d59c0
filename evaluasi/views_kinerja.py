"""Read-only "Kinerja" pages: an ASN's own indicators and achievements, and an OPD's overview."""

from decimal import Decimal

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from opd import selectors as opd_selectors
from opd.lingkup import get_lingkup

from . import selectors_kinerja as selectors
from . import selectors_penilaian
from .charts import sparkline_svg
from .selectors_kinerja import SERATUS, IndikatorKinerja


def _tahun(request) -> int:
    """`?tahun=` when it is a plausible year, else the current year in the user's instansi zone."""
    raw = request.GET.get("tahun", "")
    if raw.isdigit() and 2000 <= int(raw) <= 2100:
        return int(raw)
    return timezone.localdate().year


def _tren_svg(item: IndikatorKinerja):
    desimal = item.indikator.desimal
    points = []
    for baris, nilai in zip(item.triwulan, item.tren, strict=True):
        if nilai is None:
            points.append(_("%(tw)s: belum ada") % {"tw": baris.label})
        else:
            points.append(
                _("%(tw)s: %(nilai)s%%") % {"tw": baris.label, "nilai": formats.number_format(nilai, desimal)}
            )
    label = _("Tren capaian s.d. triwulan %(kode)s: %(titik)s") % {
        "kode": item.indikator.kode,
        "titik": "; ".join(points),
    }
    return sparkline_svg(
        item.tren, width=120, height=32, minimum=Decimal(0), reference=SERATUS, label=label, point_labels=points
    )


def _render_pegawai(request, pegawai, *, sendiri: bool):
    tahun = _tahun(request)
    data = selectors.kinerja_pegawai(pegawai=pegawai, tahun=tahun)
    for item in data.indikator:
        item.tren_svg = _tren_svg(item)
    lingkup = get_lingkup(request.user)
    # The evaluation's feedback (two queries): evaluasi/penilaian/kinerja_saya.html overrides the umpan_balik block.
    penilaian = selectors_penilaian.umpan_balik_pegawai(user=request.user, pegawai=pegawai, tahun=tahun)
    return render(
        request,
        "evaluasi/penilaian/kinerja_saya.html",
        {
            "data": data,
            "pegawai": pegawai,
            "tahun": tahun,
            "sendiri": sendiri,
            "boleh_lihat_opd": lingkup.can_read_opd(pegawai.opd_id, pegawai.opd.instansi_id),
            "umpan_balik": selectors_penilaian.butir_umpan_balik(penilaian),
            "penilaian_umpan_balik": penilaian,
            "boleh_baca_penilaian": selectors_penilaian.boleh_baca(lingkup, pegawai),
        },
    )


@login_required
@require_safe
def saya(request):
    """The logged-in ASN's own page; a user not linked to a Pegawai has none."""
    lingkup = get_lingkup(request.user)
    if not lingkup.pegawai_id:
        raise Http404
    pegawai = opd_selectors.pegawai_get_for_user(user=request.user, pk=lingkup.pegawai_id)
    return _render_pegawai(request, pegawai, sendiri=True)


@login_required
@require_safe
def pegawai(request, pk: int):
    """The same page for one Pegawai, to whoever may read that Pegawai (an ASN: only themself)."""
    obj = opd_selectors.pegawai_get_for_user(user=request.user, pk=pk)
    return _render_pegawai(request, obj, sendiri=obj.pk == get_lingkup(request.user).pegawai_id)


@login_required
@require_safe
def opd(request, pk: int):
    obj = opd_selectors.opd_get_for_user(user=request.user, pk=pk)
    tahun = _tahun(request)
    data = selectors.kinerja_opd(
        opd=obj, tahun=tahun, halaman_iku=request.GET.get("page"), halaman_bawah=request.GET.get("page_bawah")
    )
    return render(request, "evaluasi/kinerja_opd.html", {"data": data, "opd": obj, "tahun": tahun})

"""The "Kinerja saya" page of an ASN (and the same page of one Pegawai for whoever may read it): their indicators and
achievements from evaluasi, with the feedback, predikat and work plans of their evaluations.

It lives here, not in evaluasi, because it shows evaluations and evaluasi does not import penilaian; its address and
name are still ``kinerja:saya`` and ``kinerja:pegawai`` (kinerja/urls.py puts them in the ``kinerja`` namespace
beside evaluasi's OPD page).
"""

from decimal import Decimal

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.utils import formats
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from evaluasi import selectors_kinerja
from evaluasi.charts import sparkline_svg
from evaluasi.selectors_kinerja import SERATUS, IndikatorKinerja
from evaluasi.views_kinerja import tahun_diminta
from opd import selectors as opd_selectors
from opd.lingkup import get_lingkup

from . import selectors, selectors_keberatan


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
    tahun = tahun_diminta(request)
    data = selectors_kinerja.kinerja_pegawai(pegawai=pegawai, tahun=tahun)
    for item in data.indikator:
        item.tren_svg = _tren_svg(item)
    lingkup = get_lingkup(request.user)
    # The evaluation's feedback (two queries): penilaian/kinerja_saya.html overrides the umpan_balik block of
    # evaluasi/kinerja_saya.html.
    penilaian = selectors.umpan_balik_pegawai(user=request.user, pegawai=pegawai, tahun=tahun)
    # The ASN's own page offers an objection while its window is open (three queries when there is a final one).
    if sendiri:
        jendela = selectors_keberatan.jendela_keberatan_banyak(
            daftar=[u.penilaian for u in penilaian], instansi=pegawai.opd.instansi
        )
        for u in penilaian:
            u.keberatan = jendela[u.penilaian.pk]
    return render(
        request,
        "penilaian/kinerja_saya.html",
        {
            "data": data,
            "pegawai": pegawai,
            "tahun": tahun,
            "sendiri": sendiri,
            "boleh_lihat_opd": lingkup.can_read_opd(pegawai.opd_id, pegawai.opd.instansi_id),
            "umpan_balik": selectors.butir_umpan_balik(penilaian),
            "penilaian_umpan_balik": penilaian,
            "boleh_baca_penilaian": selectors.boleh_baca(lingkup, pegawai),
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

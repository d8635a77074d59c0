"""Dashboards: an OPD's, an instansi's, the BKN office's and an ASN's own. Server-rendered SVG charts (the same code
as the PDF reports) with their numbers in tables beside them; no JavaScript needed, nothing inline."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from opd import masukan
from opd import selectors as opd_selectors
from opd.lingkup import get_lingkup
from opd.models import Opd

from . import grafik, selectors
from .grafik import label_tw


def _tahun(request) -> int:
    return masukan.tahun(request.GET.get("tahun"), bawaan=timezone.localdate().year)


def _triwulan(request) -> int | None:
    return masukan.triwulan(request.GET.get("triwulan"))


def _sel(c) -> tuple:
    """A stored achievement as a heat-map cell: (raw to-date value, band, status)."""
    return (c.capaian_raw, c.band, c.status) if c is not None else (None, "", "")


def _skor_sel(s) -> tuple:
    return (s.skor, s.band, "") if s is not None else (None, "", "")


@login_required
@require_safe
def index(request):
    """The dashboards this user can open, each with its latest figures: score and data entry of the year."""
    from . import selectors_indeks

    lingkup = get_lingkup(request.user)
    tahun = _tahun(request)
    instansi = list(selectors.instansi_penuh_for_user(user=request.user).order_by("nama"))
    opds = list(Opd.objects.filter(pk__in=lingkup.opd_penuh).select_related("instansi").order_by("nama"))
    angka_instansi = selectors_indeks.angka_instansi([i.pk for i in instansi], tahun) if instansi else {}
    angka_opd = selectors_indeks.angka_opd([o.pk for o in opds], tahun) if opds else {}
    return render(
        request,
        "laporan/dasbor_index.html",
        {
            "tahun": tahun,
            "instansi_list": [(i, angka_instansi[i.pk]) for i in instansi],
            "opd_list": [(o, angka_opd[o.pk]) for o in opds],
            "bkn": lingkup.superuser or bool(lingkup.bkn_instansi),
            "saya": selectors_indeks.angka_pegawai(lingkup.pegawai_id, tahun) if lingkup.pegawai_id else None,
        },
    )


@login_required
@require_safe
def opd(request, pk: int):
    obj = opd_selectors.opd_get_for_user(user=request.user, pk=pk)
    tahun = _tahun(request)
    data = selectors.dasbor_opd(
        opd=obj,
        tahun=tahun,
        lingkup=get_lingkup(request.user),
        halaman_iku=request.GET.get("page"),
        halaman_bawah=request.GET.get("page_bawah"),
        halaman_dokumen=request.GET.get("page_dokumen"),
    )
    kinerja = data.kinerja
    skor_ada = [s.triwulan for s in kinerja.skor if s.skor and s.skor.skor is not None]
    triwulan = _triwulan(request) or (max(skor_ada) if skor_ada else 1)
    charts = {
        "capaian": grafik.heatmap_triwulan(
            [
                (
                    f"{item.indikator.kode} {item.indikator.nama}",
                    [_sel(b.capaian) for b in item.triwulan],
                    item.indikator.desimal,
                )
                for item in kinerja.iku
            ],
            judul=_("Capaian s.d. triwulan setiap IKU"),
        ),
        "skor": grafik.bar_skor(
            [(s.label, s.skor.skor if s.skor else None, s.skor.band if s.skor else "") for s in kinerja.skor],
            judul=_("Skor OPD per triwulan"),
        ),
        "kelengkapan": grafik.bar_kelengkapan(
            [(k.label, _kelengkapan(k)) for k in kinerja.kelengkapan], judul=_("Kelengkapan realisasi per triwulan")
        ),
    }
    return render(
        request,
        "laporan/dasbor_opd.html",
        {
            "data": data,
            "kinerja": kinerja,
            "opd": obj,
            "tahun": tahun,
            "triwulan": triwulan,
            "grafik": charts,
            "boleh_penilaian": selectors.boleh_baca_penilaian_opd(get_lingkup(request.user), obj),
        },
    )


def _kelengkapan(k):
    from .data import Kelengkapan

    return Kelengkapan(k.jumlah, k.terisi, k.diajukan, k.diverifikasi)


@login_required
@require_safe
def instansi(request, pk: int):
    obj = selectors.instansi_penuh_get_for_user(user=request.user, pk=pk)
    tahun = _tahun(request)
    data = selectors.dasbor_instansi(
        instansi=obj, tahun=tahun, triwulan=_triwulan(request), halaman_opd=request.GET.get("page")
    )
    tw = data.triwulan
    # The charts follow the table: the OPDs of the page, in ranking order.
    halaman = data.opd_halaman
    charts = {
        "heatmap": grafik.heatmap_triwulan(
            [(b.opd.nama, [_skor_sel(s) for s in b.skor]) for b in halaman], judul=_("Skor OPD per triwulan")
        ),
        "peringkat": grafik.bar_skor(
            [(b.opd.nama, *(_skor_sel(b.skor_pada(tw))[:2])) for b in halaman],
            judul=_("Peringkat OPD menurut skor %(tw)s") % {"tw": label_tw(tw)},
        ),
        "kelengkapan": grafik.bar_kelengkapan(
            [(b.opd.nama, b.kelengkapan) for b in halaman],
            judul=_("Kelengkapan realisasi %(tw)s per OPD") % {"tw": label_tw(tw)},
        ),
        "sebaran": grafik.bar_sebaran(
            [(label, n) for _kode, label, n in data.sebaran],
            judul=_("Sebaran predikat pegawai, penilaian %(tw)s yang final") % {"tw": label_tw(tw)},
        ),
    }
    return render(
        request,
        "laporan/dasbor_instansi.html",
        {"data": data, "instansi": obj, "tahun": tahun, "triwulan": tw, "grafik": charts},
    )


@login_required
@require_safe
def bkn(request):
    lingkup = get_lingkup(request.user)
    if not (lingkup.superuser or lingkup.bkn_instansi):
        raise Http404
    qs = selectors.instansi_penuh_for_user(user=request.user)
    if not lingkup.superuser:
        qs = qs.filter(pk__in=lingkup.bkn_instansi)
    tahun = _tahun(request)
    data = selectors.dasbor_bkn(
        instansi_qs=qs, tahun=tahun, triwulan=_triwulan(request), halaman_instansi=request.GET.get("page")
    )
    tw = data.triwulan
    charts = {
        "heatmap": grafik.heatmap_triwulan(
            [(b.instansi.nama, [_skor_sel(s) for s in b.skor]) for b in data.instansi],
            judul=_("Skor instansi per triwulan"),
        ),
        "skor": grafik.bar_skor(
            [(b.instansi.nama, *(_skor_sel(b.skor_pada(tw))[:2])) for b in data.instansi],
            judul=_("Skor instansi %(tw)s") % {"tw": label_tw(tw)},
        ),
        "kelengkapan": grafik.bar_kelengkapan(
            [(b.instansi.nama, b.kelengkapan) for b in data.instansi],
            judul=_("Kelengkapan realisasi %(tw)s per instansi") % {"tw": label_tw(tw)},
        ),
    }
    return render(request, "laporan/dasbor_bkn.html", {"data": data, "tahun": tahun, "triwulan": tw, "grafik": charts})


@login_required
@require_safe
def saya(request):
    lingkup = get_lingkup(request.user)
    if not lingkup.pegawai_id:
        raise Http404
    pegawai = opd_selectors.pegawai_get_for_user(user=request.user, pk=lingkup.pegawai_id)
    tahun = _tahun(request)
    data = selectors.dasbor_pegawai(pegawai=pegawai, tahun=tahun)
    kinerja = data.kinerja
    charts = {
        "skor": grafik.bar_skor(
            [(s.label, s.skor.skor if s.skor else None, s.skor.band if s.skor else "") for s in kinerja.skor],
            judul=_("Skor kinerja saya per triwulan"),
        ),
        "capaian": grafik.heatmap_triwulan(
            [
                (
                    f"{item.indikator.kode} {item.indikator.nama}",
                    [_sel(b.capaian) for b in item.triwulan],
                    item.indikator.desimal,
                )
                for item in kinerja.indikator
            ],
            judul=_("Capaian s.d. triwulan setiap IKI saya"),
        ),
    }
    return render(
        request,
        "laporan/dasbor_saya.html",
        {"data": data, "kinerja": kinerja, "pegawai": pegawai, "tahun": tahun, "grafik": charts},
    )

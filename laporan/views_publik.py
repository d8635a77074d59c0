"""The public transparency pages, without an account: per OPD its IKU score, complaint figures and IKM with its
grade (laporan reads every app; the figures come from each one's own selectors)."""

from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone

from indikator.models import ROMAWI
from opd import masukan
from opd.models import Opd
from opd.selectors import opd_publik
from pengaduan import selectors as pengaduan_selectors
from survei import selectors as survei_selectors
from survei.models import UNSUR

from . import selectors_publik


def _tahun(request) -> int:
    teks = request.GET.get("tahun", "")
    tahun = masukan.angka(teks)
    tahun = timezone.localdate().year if tahun is None else tahun
    if not 2000 <= tahun <= 2100:
        raise Http404
    return tahun


@login_not_required
def publik(request):
    """Per OPD: this year's IKU score, complaint figures and IKM with its grade. A fixed number of queries."""
    tahun = _tahun(request)
    page = Paginator(opd_publik(), 50).get_page(request.GET.get("page"))
    opd_list = list(page.object_list)
    ids = [o.pk for o in opd_list]
    angka = pengaduan_selectors.angka_pengaduan(opd_ids=ids, tahun=tahun, hari_ini=timezone.localdate())
    skor = selectors_publik.skor_opd_terakhir(opd_ids=ids, tahun=tahun)
    ikm = {item.opd.pk: item.hasil for item in survei_selectors.ikm_per_opd(opd_list=opd_list, tahun=tahun)}
    baris = [
        {
            "opd": o,
            "angka": angka[o.pk],
            "skor": skor.get(o.pk),
            "ikm": ikm[o.pk],
            "triwulan": ROMAWI.get(getattr(skor.get(o.pk), "triwulan", 0)),
        }
        for o in opd_list
    ]
    return render(request, "laporan/publik/publik.html", {"baris": baris, "tahun": tahun, "page_obj": page})


@login_not_required
def publik_opd(request, opd_pk: int):
    opd = get_object_or_404(Opd.objects.select_related("instansi"), pk=opd_pk)
    tahun = _tahun(request)
    ikm = survei_selectors.ikm_per_opd(opd_list=[opd], tahun=tahun)[0]
    angka = pengaduan_selectors.angka_pengaduan(opd_ids=[opd.pk], tahun=tahun, hari_ini=timezone.localdate())
    return render(
        request,
        "laporan/publik/publik_opd.html",
        {
            "opd": opd,
            "tahun": tahun,
            "capaian": selectors_publik.capaian_iku(opd=opd, tahun=tahun),
            "angka": angka[opd.pk],
            "ikm": ikm,
            "unsur": [label for _kode, label in UNSUR],
            "pengaduan": pengaduan_selectors.pengaduan_publik(opd=opd),
            "romawi": ROMAWI,
            "survei_url": reverse("survei:survei", args=[opd.pk]),
        },
    )

"""The SIASN export of an instansi's evaluations for one period (JSON streamed, Excel) and the pre-sync check that
lists what SIASN would refuse, each with a link to where it is fixed. For the Admin Instansi (their instansi) and the
Admin BKN (the instansi they oversee, read-only: the links lead to pages they may read)."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, StreamingHttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_safe

from opd.lingkup import get_lingkup
from opd.models import Instansi
from penilaian.models import Penilaian
from penilaian.selectors import periode_bawaan

from . import siasn
from .excel import JENIS_KONTEN
from .forms import SiasnForm

BATAS_TAMPIL = 500  # problems listed on the page; the count above says how many there are in all


def instansi_siasn_for_user(user):
    lingkup = get_lingkup(user)
    if not (lingkup.superuser or lingkup.admin_instansi or lingkup.bkn_instansi):
        raise PermissionDenied
    qs = Instansi.objects.order_by("nama")
    return qs if lingkup.superuser else qs.filter(pk__in=lingkup.admin_instansi | lingkup.bkn_instansi)


def _form(request) -> tuple[SiasnForm, Instansi | None, siasn.PeriodeSiasn | None]:
    daftar = list(instansi_siasn_for_user(request.user))
    diminta = (request.GET.get("instansi") or "").strip()
    if diminta.isdigit() and len(diminta) < 19 and int(diminta) not in {i.pk for i in daftar}:
        raise Http404  # another tenant's instansi (or none at all) looks the same
    pilihan = [(i.pk, i.nama) for i in daftar]
    if not request.GET:
        tahun, periode = periode_bawaan(timezone.localdate())
        awal = {"instansi": daftar[0].pk if daftar else None, "tahun": tahun, "periode": periode.kode}
        return SiasnForm(initial=awal, instansi_choices=pilihan), None, None
    form = SiasnForm(request.GET, instansi_choices=pilihan)
    if not form.is_valid():
        return form, None, None
    kode = form.cleaned_data["periode"]
    periode = siasn.PeriodeSiasn(
        tahun=form.cleaned_data["tahun"],
        jenis=Penilaian.Jenis.TAHUNAN if kode == "tahunan" else Penilaian.Jenis.TRIWULAN,
        triwulan=4 if kode == "tahunan" else int(kode[2]),
    )
    instansi = next(i for i in daftar if i.pk == form.cleaned_data["instansi"])
    return form, instansi, periode


def _tautan(r: siasn.RekamanSiasn, masalah: siasn.Masalah) -> str:
    if masalah == siasn.Masalah.NIP_ATASAN_TIDAK_VALID and r.atasan_id:
        return reverse("admin:opd_pegawai_change", args=[r.atasan_id])
    if masalah in siasn.DIPERBAIKI_DI_PEGAWAI:
        return reverse("admin:opd_pegawai_change", args=[r.pegawai_id])
    return reverse("penilaian:nilai", args=[r.pegawai_id, r.periode.tahun, r.periode.kode])


@login_required
@require_safe
def siasn_periksa(request):
    """The pre-sync check: every evaluation of the period SIASN would refuse, with its reasons and where to fix them."""
    form, instansi, periode = _form(request)
    konteks = {"form": form, "diperiksa": instansi is not None}
    if instansi is not None:
        jumlah = final = siap = 0
        masalah = []
        for r in siasn.rekaman_siasn(instansi=instansi, periode=periode):
            jumlah += 1
            final += r.final
            siap += r.final and not r.masalah
            for kode, detail in r.masalah:
                if len(masalah) < BATAS_TAMPIL:
                    masalah.append(
                        {
                            "rekaman": r,
                            "kode": kode,
                            "label": siasn.LABEL_MASALAH[kode],
                            "detail": detail,
                            "tautan": _tautan(r, kode),
                        }
                    )
        konteks.update(
            instansi=instansi,
            periode=periode,
            jumlah=jumlah,
            final=final,
            siap=siap,
            masalah=masalah,
            jumlah_rekaman_bermasalah=jumlah - siap,
            terpotong=len(masalah) >= BATAS_TAMPIL,
            query=request.GET.urlencode(),
        )
    return render(request, "laporan/siasn.html", konteks, status=400 if form.is_bound and form.errors else 200)


def _nama_berkas(instansi: Instansi, periode: siasn.PeriodeSiasn, ext: str) -> str:
    return f"siasn-{instansi.kode}-{periode.tahun}-{periode.kode}.{ext}"


@login_required
@require_safe
def siasn_json(request):
    form, instansi, periode = _form(request)
    if instansi is None:
        return render(request, "laporan/siasn.html", {"form": form, "diperiksa": False}, status=400)
    response = StreamingHttpResponse(
        siasn.json_siasn(instansi=instansi, periode=periode), content_type="application/json; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{_nama_berkas(instansi, periode, "json")}"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_safe
def siasn_xlsx(request):
    form, instansi, periode = _form(request)
    if instansi is None:
        return render(request, "laporan/siasn.html", {"form": form, "diperiksa": False}, status=400)
    response = FileResponse(
        siasn.xlsx_siasn(instansi=instansi, periode=periode),
        as_attachment=True,
        filename=_nama_berkas(instansi, periode, "xlsx"),
        content_type=JENIS_KONTEN,
    )
    response["Cache-Control"] = "private, no-store"
    return response

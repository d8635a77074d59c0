"""Pages for the public, without an account: the survey of an OPD's services (the address its printed QR codes
carry, /survei/<opd>/?layanan=<id>)."""

from django.contrib.auth.decorators import login_not_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from opd import batas
from opd.masukan import angka
from opd.models import Opd
from opd.selectors import opd_publik

from . import services
from .forms import SurveiForm
from .models import Layanan, UndanganSurvei


def _terlalu_sering(request, tujuan: str, template: str, konteks: dict):
    if not batas.terlampaui(tujuan, batas.alamat_klien(request)):
        return None
    konteks["terlalu_sering"] = True
    return render(request, template, konteks, status=429)


@login_not_required
def survei_index(request):
    opd_list = opd_publik()
    return render(request, "survei/publik/survei_index.html", {"opd_list": opd_list})


def _jawaban(form: SurveiForm) -> dict:
    data = form.cleaned_data
    return {
        "layanan": data["layanan"],
        "skor": form.skor,
        "usia": data["usia"],
        "jenis_kelamin": data["jenis_kelamin"],
        "pendidikan": data["pendidikan"],
        "pekerjaan": data["pekerjaan"],
        "saran": data["saran"],
    }


@login_not_required
def survei(request, opd_pk: int):
    opd = get_object_or_404(Opd.objects.select_related("instansi"), pk=opd_pk)
    if request.method == "POST":
        form = SurveiForm(request.POST, opd=opd)
        konteks = {"opd": opd, "form": form}
        ditolak = _terlalu_sering(request, "survei", "survei/publik/survei.html", konteks)
        if ditolak:
            return ditolak
        if form.is_valid():
            if form.terisi_bot:
                form.add_error(None, _("Jawaban tidak dapat diterima. Muat ulang halaman lalu coba lagi."))
                return render(request, "survei/publik/survei.html", konteks, status=400)
            services.survei_submit(opd=opd, **_jawaban(form))
            batas.catat("survei", batas.alamat_klien(request))
            return redirect("survei:survei_terima_kasih", opd_pk=opd.pk)
        return render(request, "survei/publik/survei.html", konteks, status=422)
    awal = {}
    layanan_id = angka(request.GET.get("layanan"))
    if layanan_id is not None and Layanan.objects.filter(pk=layanan_id, opd=opd, aktif=True).exists():
        awal["layanan"] = layanan_id
    form = SurveiForm(opd=opd, initial=awal)
    return render(request, "survei/publik/survei.html", {"opd": opd, "form": form})


@login_not_required
def survei_terima_kasih(request, opd_pk: int):
    opd = get_object_or_404(Opd.objects.select_related("instansi"), pk=opd_pk)
    return render(request, "survei/publik/survei_terima_kasih.html", {"opd": opd})


def _undangan_terpakai(request, undangan: UndanganSurvei):
    return render(request, "survei/publik/undangan_terpakai.html", {"opd": undangan.opd}, status=410)


@login_not_required
@require_http_methods(["GET", "POST"])
def survei_undangan(request, token: str):
    """The survey through a one-time invitation link (sent when a complaint closed): one response, then a clear
    message that the link was used. An unknown token is a 404."""
    undangan = get_object_or_404(UndanganSurvei.objects.select_related("opd__instansi"), token=token[:64])
    opd = undangan.opd
    if undangan.dipakai_pada is not None:
        return _undangan_terpakai(request, undangan)
    if request.method == "POST":
        form = SurveiForm(request.POST, opd=opd)
        konteks = {"opd": opd, "form": form, "undangan": undangan}
        if form.is_valid():
            if form.terisi_bot:
                form.add_error(None, _("Jawaban tidak dapat diterima. Muat ulang halaman lalu coba lagi."))
                return render(request, "survei/publik/survei.html", konteks, status=400)
            try:
                services.survei_submit_undangan(undangan=undangan, **_jawaban(form))
            except services.UndanganTidakBerlaku:
                return _undangan_terpakai(request, undangan)
            return redirect("survei:survei_terima_kasih", opd_pk=opd.pk)
        return render(request, "survei/publik/survei.html", konteks, status=422)
    awal = {"layanan": undangan.layanan_id} if undangan.layanan_id else {}
    form = SurveiForm(opd=opd, initial=awal)
    return render(request, "survei/publik/survei.html", {"opd": opd, "form": form, "undangan": undangan})

"""Pages for the public, without an account: the complaint form, tracking by code, the survey and transparency."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from indikator.models import ROMAWI
from opd.models import Instansi, Opd

from . import batas, selectors, services
from .forms import BalasForm, LacakForm, NilaiForm, PengaduanForm, SurveiForm
from .models import UNSUR, Lampiran, Layanan, Pengaduan
from .services import S

SESI_LACAK = "pengaduan_lacak"  # ids of complaints this browser has opened with their code
SESI_BARU = "pengaduan_baru"  # the code of the complaint just filed, shown once
MAKS_SESI_LACAK = 20


def _izinkan(request, pk: int) -> None:
    daftar = [p for p in request.session.get(SESI_LACAK, []) if p != pk]
    request.session[SESI_LACAK] = [pk, *daftar][:MAKS_SESI_LACAK]


def _pengaduan_pelapor(request, pk: int) -> Pengaduan | None:
    """The complaint, if this browser opened it with its code; the code is the only key to it."""
    if pk not in request.session.get(SESI_LACAK, []):
        return None
    return Pengaduan.objects.select_related("instansi", "opd").filter(pk=pk).first()


def _terlalu_sering(request, tujuan: str, template: str, konteks: dict):
    if not batas.terlampaui(tujuan, batas.alamat_klien(request)):
        return None
    konteks["terlalu_sering"] = True
    return render(request, template, konteks, status=429)


# -- filing ----------------------------------------------------------------------------------------------------------


def pengaduan_form(request):
    if request.method == "POST":
        form = PengaduanForm(request.POST, request.FILES)
        ditolak = _terlalu_sering(request, "pengaduan", "pengaduan/publik/form.html", {"form": form})
        if ditolak:
            return ditolak
        if form.is_valid():
            if form.terisi_bot:
                form.add_error(None, _("Laporan tidak dapat diterima. Muat ulang halaman lalu coba lagi."))
                return render(request, "pengaduan/publik/form.html", {"form": form}, status=400)
            data = form.cleaned_data
            try:
                pengaduan, kode = services.pengaduan_file(
                    instansi=data["instansi"],
                    jenis=data["jenis"],
                    kategori=data["kategori"],
                    opd_usulan=data["opd_usulan"],
                    asn_dilaporkan=data["asn_dilaporkan"],
                    judul=data["judul"],
                    isi=data["isi"],
                    lokasi=data["lokasi"],
                    tanggal_kejadian=data["tanggal_kejadian"],
                    nama_pelapor=data["nama_pelapor"],
                    kontak_pelapor=data["kontak_pelapor"],
                    anonim=data["anonim"],
                    rahasia=data["rahasia"],
                    lampiran=data["lampiran"],
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                batas.catat("pengaduan", batas.alamat_klien(request))
                _izinkan(request, pengaduan.pk)
                request.session[SESI_BARU] = {"pk": pengaduan.pk, "kode": kode}
                return redirect("pengaduan:terkirim")
        return render(request, "pengaduan/publik/form.html", {"form": form}, status=422)
    instansi = Instansi.objects.order_by("nama")
    form = PengaduanForm(initial={"instansi": instansi.first()} if instansi.count() == 1 else None)
    return render(request, "pengaduan/publik/form.html", {"form": form})


def pengaduan_terkirim(request):
    """The tracking code, shown once: only its hash is kept, so it cannot be shown again."""
    baru = request.session.pop(SESI_BARU, None)
    pengaduan = Pengaduan.objects.select_related("instansi").filter(pk=baru["pk"]).first() if baru else None
    if pengaduan is None:
        return render(request, "pengaduan/publik/terkirim.html", {"sudah_ditampilkan": True})
    return render(request, "pengaduan/publik/terkirim.html", {"pengaduan": pengaduan, "kode": baru["kode"]})


# -- tracking --------------------------------------------------------------------------------------------------------


def lacak(request):
    """Open a complaint with its code. Wrong codes are counted per address and, past the limit, refused."""
    dibuka = (
        Pengaduan.objects.filter(pk__in=request.session.get(SESI_LACAK, []))
        .only("pk", "judul", "status", "tanggal_diterima")
        .order_by("-pk")
    )
    konteks = {"dibuka": dibuka}
    if request.method == "POST":
        form = LacakForm(request.POST)
        konteks["form"] = form
        alamat = batas.alamat_klien(request)
        ditolak = _terlalu_sering(request, "lacak_gagal", "pengaduan/publik/lacak.html", konteks)
        if ditolak:
            return ditolak
        pengaduan = selectors.pengaduan_by_kode(form.cleaned_data["kode"]) if form.is_valid() else None
        if pengaduan is None:
            batas.catat("lacak_gagal", alamat)
            if form.is_valid():
                form.add_error("kode", _("Kode lacak tidak dikenal. Periksa kembali penulisannya."))
            return render(request, "pengaduan/publik/lacak.html", konteks, status=422)
        _izinkan(request, pengaduan.pk)
        return redirect("pengaduan:lacak_detail", pk=pengaduan.pk)
    konteks["form"] = LacakForm()
    return render(request, "pengaduan/publik/lacak.html", konteks)


def _boleh_dinilai(pengaduan: Pengaduan) -> bool:
    if pengaduan.status not in Pengaduan.STATUS_DIJAWAB:
        return False
    if pengaduan.dinilai_pada is None:
        return True
    return pengaduan.status == S.SELESAI and pengaduan.dinilai_pada < (pengaduan.diselesaikan_pada or timezone.now())


def linimasa_publik(pengaduan: Pengaduan) -> list:
    """The reporter's timeline: every step, named by role (never a staff member's name), with the public notes."""
    langkah = list(pengaduan.riwayat_set.select_related("opd"))
    for r in langkah:
        if r.oleh_pelapor:
            r.pelaku = _("Anda")
        elif r.oleh_sistem:
            r.pelaku = _("Sistem")
        elif r.opd is not None and (r.ke_status in (S.DITINDAKLANJUTI, S.SELESAI) or r.dari_status == S.DIDISPOSISIKAN):
            r.pelaku = r.opd.nama if r.ke_status != S.DIVERIFIKASI else _("OPD")
        else:
            r.pelaku = _("Petugas Pengaduan")
        if r.ke_status == S.DIDISPOSISIKAN and r.opd is not None:
            r.keterangan = _("Diteruskan ke %(opd)s") % {"opd": r.opd.nama}
        elif r.dari_status == S.DIDISPOSISIKAN and r.ke_status == S.DIVERIFIKASI:
            r.keterangan = _("Dikembalikan kepada petugas untuk diteruskan ke OPD yang tepat")
        elif r.dari_status == r.ke_status:
            r.keterangan = _("Balasan") if r.oleh_pelapor else _("Tanggapan")
        else:
            r.keterangan = r.get_ke_status_display()
    return langkah


def _konteks_lacak(pengaduan: Pengaduan, *, balas_form=None, nilai_form=None) -> dict:
    return {
        "pengaduan": pengaduan,
        "riwayat": linimasa_publik(pengaduan),
        "lampiran": list(pengaduan.lampiran_set.all()),
        "boleh_balas": pengaduan.status not in Pengaduan.STATUS_AKHIR,
        "boleh_nilai": _boleh_dinilai(pengaduan),
        "balas_form": balas_form or BalasForm(),
        "nilai_form": nilai_form or NilaiForm(),
        "zona": pengaduan.instansi.zona_waktu,
    }


def _belum_dibuka(request):
    """Without the code this browser has not opened the complaint: the same answer whether it exists or not."""
    return render(
        request,
        "pengaduan/publik/lacak.html",
        {"form": LacakForm(), "dibuka": [], "perlu_kode": True},
        status=404,
    )


def lacak_detail(request, pk: int):
    pengaduan = _pengaduan_pelapor(request, pk)
    if pengaduan is None:
        return _belum_dibuka(request)
    return render(request, "pengaduan/publik/lacak_detail.html", _konteks_lacak(pengaduan))


@require_POST
def lacak_balas(request, pk: int):
    pengaduan = _pengaduan_pelapor(request, pk)
    if pengaduan is None:
        return _belum_dibuka(request)
    form = BalasForm(request.POST)
    konteks = _konteks_lacak(pengaduan, balas_form=form)
    ditolak = _terlalu_sering(request, "balasan", "pengaduan/publik/lacak_detail.html", konteks)
    if ditolak:
        return ditolak
    if form.is_valid():
        try:
            services.pengaduan_reply(pengaduan=pengaduan, pesan=form.cleaned_data["pesan"])
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            batas.catat("balasan", batas.alamat_klien(request))
            messages.success(request, _("Balasan Anda sudah dikirim."))
            return redirect("pengaduan:lacak_detail", pk=pk)
    return render(request, "pengaduan/publik/lacak_detail.html", konteks, status=422)


@require_POST
def lacak_nilai(request, pk: int):
    pengaduan = _pengaduan_pelapor(request, pk)
    if pengaduan is None:
        return _belum_dibuka(request)
    form = NilaiForm(request.POST)
    konteks = _konteks_lacak(pengaduan, nilai_form=form)
    ditolak = _terlalu_sering(request, "balasan", "pengaduan/publik/lacak_detail.html", konteks)
    if ditolak:
        return ditolak
    if form.is_valid():
        try:
            services.pengaduan_rate(
                pengaduan=pengaduan,
                penilaian=form.cleaned_data["penilaian"],
                terselesaikan=form.cleaned_data["terselesaikan"] == "ya",
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            batas.catat("balasan", batas.alamat_klien(request))
            messages.success(request, _("Terima kasih atas penilaian Anda."))
            return redirect("pengaduan:lacak_detail", pk=pk)
    return render(request, "pengaduan/publik/lacak_detail.html", konteks, status=422)


def lacak_lampiran(request, pk: int, lampiran_pk: int):
    pengaduan = _pengaduan_pelapor(request, pk)
    if pengaduan is None:
        raise Http404
    lampiran = get_object_or_404(Lampiran, pk=lampiran_pk, pengaduan=pengaduan)
    return _unduh(lampiran, lampiran.nama_asli)


def _unduh(lampiran: Lampiran, nama: str) -> FileResponse:
    response = FileResponse(
        lampiran.berkas.open("rb"), as_attachment=True, filename=nama, content_type=lampiran.jenis_konten
    )
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


# -- survey ----------------------------------------------------------------------------------------------------------


def survei_index(request):
    opd_list = Opd.objects.select_related("instansi").order_by("instansi__nama", "nama")
    return render(request, "pengaduan/publik/survei_index.html", {"opd_list": opd_list})


def survei(request, opd_pk: int):
    opd = get_object_or_404(Opd.objects.select_related("instansi"), pk=opd_pk)
    if request.method == "POST":
        form = SurveiForm(request.POST, opd=opd)
        konteks = {"opd": opd, "form": form}
        ditolak = _terlalu_sering(request, "survei", "pengaduan/publik/survei.html", konteks)
        if ditolak:
            return ditolak
        if form.is_valid():
            if form.terisi_bot:
                form.add_error(None, _("Jawaban tidak dapat diterima. Muat ulang halaman lalu coba lagi."))
                return render(request, "pengaduan/publik/survei.html", konteks, status=400)
            data = form.cleaned_data
            services.survei_submit(
                opd=opd,
                layanan=data["layanan"],
                skor=form.skor,
                usia=data["usia"],
                jenis_kelamin=data["jenis_kelamin"],
                pendidikan=data["pendidikan"],
                pekerjaan=data["pekerjaan"],
                saran=data["saran"],
            )
            batas.catat("survei", batas.alamat_klien(request))
            return redirect("pengaduan:survei_terima_kasih", opd_pk=opd.pk)
        return render(request, "pengaduan/publik/survei.html", konteks, status=422)
    awal = {}
    layanan_id = request.GET.get("layanan", "")
    if layanan_id.isdigit() and Layanan.objects.filter(pk=int(layanan_id), opd=opd, aktif=True).exists():
        awal["layanan"] = int(layanan_id)
    form = SurveiForm(opd=opd, initial=awal)
    return render(request, "pengaduan/publik/survei.html", {"opd": opd, "form": form})


def survei_terima_kasih(request, opd_pk: int):
    opd = get_object_or_404(Opd.objects.select_related("instansi"), pk=opd_pk)
    return render(request, "pengaduan/publik/survei_terima_kasih.html", {"opd": opd})


# -- transparency ----------------------------------------------------------------------------------------------------


def _tahun(request) -> int:
    teks = request.GET.get("tahun", "")
    tahun = int(teks) if teks.isdigit() else timezone.localdate().year
    if not 2000 <= tahun <= 2100:
        raise Http404
    return tahun


def publik(request):
    """Per OPD: this year's IKU score, complaint figures and IKM with its grade. A fixed number of queries."""
    tahun = _tahun(request)
    page = Paginator(selectors.opd_publik(), 50).get_page(request.GET.get("page"))
    opd_list = list(page.object_list)
    ids = [o.pk for o in opd_list]
    angka = selectors.angka_pengaduan(opd_ids=ids, tahun=tahun, hari_ini=timezone.localdate())
    skor = selectors.skor_opd_terakhir(opd_ids=ids, tahun=tahun)
    ikm = {item.opd.pk: item.hasil for item in selectors.ikm_per_opd(opd_list=opd_list, tahun=tahun)}
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
    return render(request, "pengaduan/publik/publik.html", {"baris": baris, "tahun": tahun, "page_obj": page})


def publik_opd(request, opd_pk: int):
    opd = get_object_or_404(Opd.objects.select_related("instansi"), pk=opd_pk)
    tahun = _tahun(request)
    ikm = selectors.ikm_per_opd(opd_list=[opd], tahun=tahun)[0]
    return render(
        request,
        "pengaduan/publik/publik_opd.html",
        {
            "opd": opd,
            "tahun": tahun,
            "capaian": selectors.capaian_iku(opd=opd, tahun=tahun),
            "angka": selectors.angka_pengaduan(opd_ids=[opd.pk], tahun=tahun, hari_ini=timezone.localdate())[opd.pk],
            "ikm": ikm,
            "unsur": [label for _kode, label in UNSUR],
            "pengaduan": selectors.pengaduan_publik(opd=opd),
            "romawi": ROMAWI,
            "survei_url": reverse("pengaduan:survei", args=[opd.pk]),
        },
    )

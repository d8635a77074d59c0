"""Pages for the public, without an account: the complaint form and tracking by code."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from opd import batas
from opd.kalender import tanggal_lokal
from opd.models import Instansi

from . import selectors, services_pelapor
from .forms import BalasForm, BukaKembaliForm, LacakForm, NilaiForm, PengaduanForm, TidakSelesaiForm
from .models import Lampiran, Pengaduan
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


@login_not_required
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
                pengaduan, kode = services_pelapor.pengaduan_file(
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


@login_not_required
def pengaduan_terkirim(request):
    """The tracking code, shown once: only its hash is kept, so it cannot be shown again."""
    baru = request.session.pop(SESI_BARU, None)
    pengaduan = Pengaduan.objects.select_related("instansi").filter(pk=baru["pk"]).first() if baru else None
    if pengaduan is None:
        return render(request, "pengaduan/publik/terkirim.html", {"sudah_ditampilkan": True})
    return render(request, "pengaduan/publik/terkirim.html", {"pengaduan": pengaduan, "kode": baru["kode"]})


# -- tracking --------------------------------------------------------------------------------------------------------


@login_not_required
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


def _boleh_buka_kembali(pengaduan: Pengaduan) -> bool:
    if pengaduan.status != S.SELESAI:
        return False
    return (
        pengaduan.tenggat_tutup is None or tanggal_lokal(pengaduan.instansi, timezone.now()) <= pengaduan.tenggat_tutup
    )


def _konteks_lacak(
    pengaduan: Pengaduan, *, balas_form=None, nilai_form=None, buka_form=None, tidak_selesai_form=None
) -> dict:
    dalam_masa = _boleh_buka_kembali(pengaduan)
    return {
        "dalam_masa_sanggah": dalam_masa,
        "boleh_buka_kembali": dalam_masa and pengaduan.dibuka_kembali_pada is None,
        "buka_form": buka_form or BukaKembaliForm(),
        "tidak_selesai_form": tidak_selesai_form or TidakSelesaiForm(),
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


@login_not_required
def lacak_detail(request, pk: int):
    pengaduan = _pengaduan_pelapor(request, pk)
    if pengaduan is None:
        return _belum_dibuka(request)
    return render(request, "pengaduan/publik/lacak_detail.html", _konteks_lacak(pengaduan))


@login_not_required
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
            services_pelapor.pengaduan_reply(pengaduan=pengaduan, pesan=form.cleaned_data["pesan"])
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            batas.catat("balasan", batas.alamat_klien(request))
            messages.success(request, _("Balasan Anda sudah dikirim."))
            return redirect("pengaduan:lacak_detail", pk=pk)
    return render(request, "pengaduan/publik/lacak_detail.html", konteks, status=422)


@login_not_required
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
            services_pelapor.pengaduan_rate(
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


@login_not_required
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


def _aksi_pelapor(request, pk: int, form_class, nama_form: str, jalankan, pesan: str):
    """A reporter's step on the tracking page: the form, one service call, then the page again with a message; a
    refused step shows its reason next to the form."""
    pengaduan = _pengaduan_pelapor(request, pk)
    if pengaduan is None:
        return _belum_dibuka(request)
    form = form_class(request.POST)
    konteks = _konteks_lacak(pengaduan, **{nama_form: form})
    ditolak = _terlalu_sering(request, "balasan", "pengaduan/publik/lacak_detail.html", konteks)
    if ditolak:
        return ditolak
    if form.is_valid():
        try:
            jalankan(pengaduan, form.cleaned_data)
        except ValidationError as exc:
            if hasattr(exc, "error_dict"):
                for field, errors in exc.error_dict.items():
                    for error in errors:
                        form.add_error(field if field in form.fields else None, error)
            else:
                form.add_error(None, exc)
        else:
            batas.catat("balasan", batas.alamat_klien(request))
            messages.success(request, pesan)
            return redirect("pengaduan:lacak_detail", pk=pk)
    return render(request, "pengaduan/publik/lacak_detail.html", konteks, status=422)


@login_not_required
@require_POST
def lacak_buka_kembali(request, pk: int):
    """The reporter reopens the answered complaint (once, before it closes): Dibuka kembali."""
    return _aksi_pelapor(
        request,
        pk,
        BukaKembaliForm,
        "buka_form",
        lambda p, data: services_pelapor.pengaduan_reopen(pengaduan=p, alasan=data["alasan"]),
        _("Pengaduan dibuka kembali. OPD akan menanggapinya lagi."),
    )


@login_not_required
@require_POST
def lacak_tidak_selesai(request, pk: int):
    """The reporter closes the answered complaint as not solved."""
    return _aksi_pelapor(
        request,
        pk,
        TidakSelesaiForm,
        "tidak_selesai_form",
        lambda p, data: services_pelapor.pengaduan_mark_unresolved(pengaduan=p, catatan=data["catatan"]),
        _("Pengaduan ditutup dengan catatan: masalah tidak selesai."),
    )

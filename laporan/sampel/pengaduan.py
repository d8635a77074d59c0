"""Sections ``pengaduan`` (complaints moved through their workflow) and ``layanan`` (public services with their
survey answers).

Every step happens a number of working days before today (``hari_kerja_lalu``, in the instansi's calendar), so the
deadlines that follow from them are live whenever the sample is loaded. A complaint is found again by its instansi
and title, a service by its OPD and name; a service's answers are written only while it has none.
"""

import datetime
from functools import partial
from zoneinfo import ZoneInfo

from django.utils import timezone

from .konteks import Konteks
from .tempat import model, modul


def _waktu(instansi, hari_lalu: int, jam: int) -> datetime.datetime:
    """A moment ``hari_lalu`` working days before today, in the instansi's zone, never in the future."""
    kalender = modul("kalender")
    hari_kerja = modul("hari_kerja").adalah_hari_kerja
    libur = kalender.kalender_instansi(instansi.pk)
    tanggal = kalender.hari_ini(instansi)
    langkah = 0
    while langkah < hari_lalu:
        tanggal -= datetime.timedelta(days=1)
        if hari_kerja(tanggal, libur):
            langkah += 1
    waktu = datetime.datetime.combine(tanggal, datetime.time(jam), tzinfo=ZoneInfo(instansi.zona_waktu))
    sekarang = timezone.now()
    # Today's steps early in the morning: still in the past, and still in order.
    return waktu if waktu < sekarang else sekarang - datetime.timedelta(minutes=24 - jam)


def _versi(pengaduan) -> int:
    pengaduan.refresh_from_db()
    return pengaduan.versi


def muat_pengaduan(ctx: Konteks, berkas: str, daftar: list) -> None:
    """Each complaint is filed ``hari_kerja_lalu.diterima`` working days ago and taken to its ``status``: rejected,
    not the instansi's authority or put on hold (with ``alasan``) by ``petugas``; or verified and, with a ``rute``
    day, routed to its OPD by ``petugas``, answered by ``tim`` (``respons``: ``tanggapan``; ``jawab``: ``jawaban``)
    reopened by the reporter (``buka_kembali``: ``alasan_buka_kembali``) and rated by the reporter
    (``penilaian_pelapor``). ``kode`` is its fixed tracking code."""
    layanan, pelapor, kode_lacak = modul("layanan_pengaduan"), modul("layanan_pelapor"), modul("kode_lacak")
    Pengaduan = model("Pengaduan")
    S = Pengaduan.Status
    for rec in ctx.tiap(berkas, "pengaduan", daftar):
        instansi = ctx.instansi(rec["instansi"])
        if Pengaduan.objects.filter(instansi=instansi, judul=rec["judul"]).exists():
            ctx.catat("pengaduan", "tetap")
            continue
        if not kode_lacak.normalisasi(rec["kode"]):
            raise ValueError(f"kode lacak {rec['kode']!r} tidak memakai abjad kode lacak")
        opd = ctx.opd(rec) if rec.get("opd") else None
        hari = rec["hari_kerja_lalu"]
        status = rec["status"]
        pengaduan, _kode_acak = pelapor.pengaduan_file(
            instansi=instansi,
            jenis=rec.get("jenis", Pengaduan.Jenis.PENGADUAN),
            kategori=rec["kategori"],
            judul=rec["judul"],
            isi=rec["isi"],
            opd_usulan=opd,
            asn_dilaporkan=rec.get("asn_dilaporkan", ""),
            lokasi=rec.get("lokasi", ""),
            nama_pelapor=rec.get("nama_pelapor", ""),
            kontak_pelapor=rec.get("kontak_pelapor", ""),
            anonim=rec.get("anonim", False),
            rahasia=rec.get("rahasia", False),
            sekarang=_waktu(instansi, hari["diterima"], 8),
        )
        # The sample's own code, so that the tracking page can be tried with it.
        Pengaduan.objects.filter(pk=pengaduan.pk).update(kode_hash=kode_lacak.hash_kode(rec["kode"]))
        ctx.catat("pengaduan", "dibuat")
        if status == S.DITERIMA:
            continue
        v = partial(_versi, pengaduan)
        petugas = ctx.user(rec["petugas"])
        tolak = {
            S.DITOLAK.value: layanan.pengaduan_reject,
            S.BUKAN_WEWENANG.value: layanan.pengaduan_not_authority,
            S.DITUNDA.value: layanan.pengaduan_hold,
        }
        if status in tolak:
            tolak[status](
                actor=petugas,
                pengaduan=pengaduan,
                versi=v(),
                alasan=rec["alasan"],
                sekarang=_waktu(instansi, hari["diterima"], 10),
            )
            continue
        layanan.pengaduan_verify(
            actor=petugas,
            pengaduan=pengaduan,
            versi=v(),
            catatan=rec.get("catatan_verifikasi", "Identitas dan uraian lengkap."),
            sekarang=_waktu(instansi, hari.get("rute", hari["diterima"]), 9),
        )
        if "rute" not in hari:
            continue
        layanan.pengaduan_route(
            actor=petugas, pengaduan=pengaduan, versi=v(), opd=opd, sekarang=_waktu(instansi, hari["rute"], 10)
        )
        if "respons" in hari:
            layanan.pengaduan_respond(
                actor=ctx.user(rec["tim"]),
                pengaduan=pengaduan,
                versi=v(),
                tanggapan=rec["tanggapan"],
                sekarang=_waktu(instansi, hari["respons"], 11),
            )
        if "jawab" in hari:
            layanan.pengaduan_answer(
                actor=ctx.user(rec["tim"]),
                pengaduan=pengaduan,
                versi=v(),
                jawaban=rec["jawaban"],
                sekarang=_waktu(instansi, hari["jawab"], 14),
            )
        if "buka_kembali" in hari:
            pelapor.pengaduan_reopen(
                pengaduan=pengaduan,
                alasan=rec["alasan_buka_kembali"],
                sekarang=_waktu(instansi, hari["buka_kembali"], 10),
            )
        if rec.get("penilaian_pelapor"):
            nilai = rec["penilaian_pelapor"]
            pelapor.pengaduan_rate(
                pengaduan=pengaduan,
                penilaian=int(nilai["nilai"]),
                terselesaikan=bool(nilai["terselesaikan"]),
                sekarang=_waktu(instansi, max(hari["jawab"] - 1, 0), 15),
            )
        pengaduan.refresh_from_db()
        if pengaduan.status != status:
            raise ValueError(f"langkah yang diberikan berakhir pada status {pengaduan.status}, bukan {status}")


def muat_layanan(ctx: Konteks, berkas: str, daftar: list) -> None:
    """A public service of an OPD (``instansi``, ``opd``, ``nama``) and its survey answers (``responden``): nine
    scores (1-4) per respondent, their profile, and the working day (``hari_kerja_lalu``) and hour (``jam``) they
    answered."""
    survei = modul("layanan_survei")
    Layanan, ResponSurvei = model("Layanan"), model("ResponSurvei")
    for rec in ctx.tiap(berkas, "layanan", daftar):
        opd = ctx.opd(rec)
        layanan, dibuat = Layanan.objects.get_or_create(opd=opd, nama=rec["nama"])
        status = "dibuat" if dibuat else "tetap"
        if not ResponSurvei.objects.filter(layanan=layanan).exists():
            for r in rec.get("responden", []):
                survei.survei_submit(
                    opd=opd,
                    layanan=layanan,
                    skor=[int(s) for s in r["skor"]],
                    usia=r.get("usia"),
                    jenis_kelamin=r.get("jenis_kelamin", ""),
                    pendidikan=r.get("pendidikan", ""),
                    pekerjaan=r.get("pekerjaan", ""),
                    saran=r.get("saran", ""),
                    sekarang=_waktu(opd.instansi, int(r.get("hari_kerja_lalu", 0)), int(r.get("jam", 9))),
                )
                ctx.catat("responden", "dibuat")
            status = "diubah" if status == "tetap" and rec.get("responden") else status
        ctx.catat("layanan", status)

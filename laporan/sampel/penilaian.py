"""Sections ``penilaian`` (evaluations), ``predikat_opd``, ``penghargaan`` (the decision on a recommended reward),
``pelatihan`` (trainings and their participants) and ``rencana_kerja`` (work plans).

Each step goes through the evaluation services with the actor the sample names, so a sample obeys the same rules
as the users; a step whose result exists already is skipped, so a second load changes nothing.
"""

from penilaian import aturan as aturan_penilaian
from penilaian import selectors as figur_penilaian
from penilaian import services as layanan_penilaian
from penilaian import services_opd, services_pelatihan, services_rencana, services_tindak_lanjut

from .konteks import Konteks
from .tempat import model


def muat_penilaian(ctx: Konteks, berkas: str, daftar: list) -> None:
    """One evaluation of ``pegawai`` (NIP) for ``tahun`` and ``jenis`` (``tahunan``, or ``triwulan`` with its
    ``triwulan``) by ``penilai``: the seven BerAKHLAK scores (``perilaku``), feedback overall and per IKI kode. The
    hasil-kerja rating confirms the suggestion from the stored figures unless ``hasil_kerja`` overrides it (with
    ``alasan_hasil_kerja``). Final unless ``final: false``; ``diakui_oleh`` acknowledges it. ``difinalkan_pada`` and
    ``diakui_pada`` backdate those steps."""
    layanan, figur_mod, aturan = layanan_penilaian, figur_penilaian, aturan_penilaian
    Penilaian = model("Penilaian")
    for rec in ctx.tiap(berkas, "penilaian", daftar):
        pegawai = ctx.pegawai(rec["pegawai"])
        instansi = pegawai.opd.instansi
        tahun = ctx.tahun(rec["tahun"], instansi)
        jenis = rec.get("jenis", "triwulan")
        periode = figur_mod.PeriodePenilaian(jenis, 4 if jenis == Penilaian.Jenis.TAHUNAN else int(rec["triwulan"]))
        if Penilaian.objects.filter(
            pegawai=pegawai, tahun=tahun, jenis=periode.jenis, triwulan=periode.triwulan
        ).exists():
            ctx.catat("penilaian", "tetap")
            continue
        figur = figur_mod.figur_penilaian(pegawai=pegawai, tahun=tahun, triwulan=periode.triwulan)
        if rec.get("hasil_kerja"):
            hasil, alasan = rec["hasil_kerja"], rec.get("alasan_hasil_kerja", "")
        elif figur.saran.rating:
            hasil, alasan = figur.saran.rating.value, ""
        else:
            hasil, alasan = "sesuai", "Belum ada capaian terverifikasi; dinilai dari laporan kerja."
        skor = [int(s) for s in rec["perilaku"]]
        kode = {b.indikator.kode: b.indikator.pk for b in figur.baris}
        per_indikator = rec.get("umpan_balik_indikator") or {}
        penilaian = layanan.penilaian_simpan(
            actor=ctx.user(rec["penilai"]),
            pegawai=pegawai,
            tahun=tahun,
            periode=periode,
            versi=0,
            finalkan=rec.get("final", True),
            data=layanan.DataPenilaian(
                hasil_kerja=hasil,
                alasan_hasil_kerja=alasan,
                perilaku_skor=dict(zip(aturan.NILAI_BERAKHLAK, skor, strict=True)),
                perilaku=aturan.saran_perilaku(skor).value,
                umpan_balik=rec.get("umpan_balik", ""),
                umpan_balik_indikator={kode[k]: teks for k, teks in per_indikator.items() if k in kode},
            ),
        )
        if rec.get("diakui_oleh"):
            layanan.penilaian_akui(actor=ctx.user(rec["diakui_oleh"]), penilaian=penilaian)
        tanggal = {}
        if rec.get("difinalkan_pada"):
            tanggal["difinalkan_pada"] = ctx.waktu(rec["difinalkan_pada"], instansi)
        if rec.get("diakui_pada"):
            tanggal["diakui_pada"] = ctx.waktu(rec["diakui_pada"], instansi)
        if tanggal:
            Penilaian.objects.filter(pk=penilaian.pk).update(**tanggal)
        ctx.catat("penilaian", "dibuat")


def muat_predikat_opd(ctx: Konteks, berkas: str, daftar: list) -> None:
    """The organisation predikat of an OPD-year, set by ``oleh`` with ``catatan``; kept once set."""
    layanan = services_opd
    for rec in ctx.tiap(berkas, "predikat_opd", daftar):
        opd = ctx.opd(rec)
        tahun = ctx.tahun(rec["tahun"], opd.instansi)
        if model("PredikatOpd").objects.filter(opd=opd, tahun=tahun).exists():
            ctx.catat("predikat_opd", "tetap")
            continue
        layanan.predikat_opd_tetapkan(
            actor=ctx.user(rec["oleh"]), opd=opd, tahun=tahun, predikat=rec["predikat"], catatan=rec.get("catatan", "")
        )
        ctx.catat("predikat_opd", "dibuat")


def muat_penghargaan(ctx: Konteks, berkas: str, daftar: list) -> None:
    """The decision (``setuju``, ``bentuk``, ``catatan``, by ``oleh``, backdated to ``diputuskan_pada``) on the reward
    that ``pegawai``'s evaluation of ``tahun`` recommended; ``sertifikat`` renders the certificate of an approved one."""
    layanan = services_tindak_lanjut
    Penghargaan = model("Penghargaan")
    for rec in ctx.tiap(berkas, "penghargaan", daftar):
        pegawai = ctx.pegawai(rec["pegawai"])
        instansi = pegawai.opd.instansi
        tahun = ctx.tahun(rec["tahun"], instansi)
        milik = Penghargaan.objects.filter(penilaian__pegawai=pegawai, penilaian__tahun=tahun)
        if not milik.exists():
            raise ValueError(f"penilaian {pegawai.nip} tahun {tahun} tidak merekomendasikan penghargaan")
        status = "tetap"
        for penghargaan in milik.filter(status=Penghargaan.Status.DIREKOMENDASIKAN):
            hasil = layanan.penghargaan_putuskan(
                actor=ctx.user(rec["oleh"]),
                penghargaan=penghargaan,
                setuju=rec.get("setuju", True),
                bentuk=rec.get("bentuk", ""),
                catatan=rec.get("catatan", ""),
            )
            if rec.get("diputuskan_pada"):
                Penghargaan.objects.filter(pk=hasil.pk).update(
                    diputuskan_pada=ctx.waktu(rec["diputuskan_pada"], instansi)
                )
            status = "diubah"
        if rec.get("sertifikat"):
            for penghargaan in milik.filter(status=Penghargaan.Status.DISETUJUI, berkas=""):
                layanan.sertifikat_buat(penghargaan_id=penghargaan.pk)
                status = "diubah"
        ctx.catat("penghargaan", status)


def muat_pelatihan(ctx: Konteks, berkas: str, daftar: list) -> None:
    """A training of an instansi (found again by topic and start date), recorded by ``oleh``, and its ``peserta``:
    each registered once, answering their open training recommendation if any, with the IKI codes the training
    should improve (added to those of the recommendation); attended once the training is over."""
    layanan = services_pelatihan
    Pelatihan = model("Pelatihan")
    for rec in ctx.tiap(berkas, "pelatihan", daftar):
        instansi = ctx.instansi(rec["instansi"])
        admin = ctx.user(rec["oleh"])
        mulai = ctx.tanggal(rec["tanggal_mulai"], instansi)
        selesai = ctx.tanggal(rec["tanggal_selesai"], instansi)
        pelatihan = Pelatihan.objects.filter(instansi=instansi, topik=rec["topik"], tanggal_mulai=mulai).first()
        status = "tetap"
        if pelatihan is None:
            data = {k: rec.get(k, "") for k in ("topik", "penyelenggara", "tempat", "deskripsi")}
            pelatihan = layanan.pelatihan_simpan(
                actor=admin, instansi=instansi, data={**data, "tanggal_mulai": mulai, "tanggal_selesai": selesai}
            )
            status = "dibuat"
        for peserta in rec.get("peserta", []):
            if _peserta(ctx, pelatihan, ctx.pegawai(peserta["pegawai"]), admin, peserta.get("indikator") or []):
                status = "diubah" if status == "tetap" else status
        ctx.catat("pelatihan", status)


def _peserta(ctx: Konteks, pelatihan, pegawai, admin, indikator_kode: list[str]) -> bool:
    layanan = services_pelatihan
    PesertaPelatihan, RekomendasiPelatihan, Indikator = (
        model("PesertaPelatihan"),
        model("RekomendasiPelatihan"),
        model("Indikator"),
    )
    if PesertaPelatihan.objects.filter(pelatihan=pelatihan, pegawai=pegawai).exists():
        return False
    rekomendasi = (
        RekomendasiPelatihan.objects.filter(pegawai=pegawai, status=RekomendasiPelatihan.Status.DIREKOMENDASIKAN)
        .order_by("dibuat_pada", "pk")
        .first()
    )
    peserta = layanan.peserta_tambah(actor=admin, pelatihan=pelatihan, pegawai=pegawai, rekomendasi=rekomendasi)
    ids = list(peserta.indikator.values_list("pk", flat=True))
    if indikator_kode:
        ids += list(
            Indikator.objects.filter(
                pegawai=pegawai, tahun=pelatihan.tanggal_mulai.year, jenis=Indikator.Jenis.IKI, kode__in=indikator_kode
            ).values_list("pk", flat=True)
        )
    sudah = pelatihan.tanggal_selesai < ctx.hari_ini(pelatihan.instansi)
    layanan.peserta_ubah(
        actor=admin,
        peserta=peserta,
        kehadiran=PesertaPelatihan.Kehadiran.HADIR if sudah else PesertaPelatihan.Kehadiran.TERDAFTAR,
        indikator_ids=ids,
    )
    return True


def muat_rencana_kerja(ctx: Konteks, berkas: str, daftar: list) -> None:
    """A work plan of ``pegawai`` for a quarter, submitted by ``oleh`` (the ASN's own login) with an action and a
    schedule per IKI kode (``aksi``), and approved by ``disetujui_oleh`` if given; kept once it exists."""
    layanan = services_rencana
    RencanaKerja, Indikator = model("RencanaKerja"), model("Indikator")
    for rec in ctx.tiap(berkas, "rencana_kerja", daftar):
        pegawai = ctx.pegawai(rec["pegawai"])
        tahun = ctx.tahun(rec["tahun"], pegawai.opd.instansi)
        triwulan = int(rec["triwulan"])
        if RencanaKerja.objects.filter(pegawai=pegawai, tahun=tahun, triwulan=triwulan).exists():
            ctx.catat("rencana_kerja", "tetap")
            continue
        kode = dict(
            Indikator.objects.filter(pegawai=pegawai, tahun=tahun, jenis=Indikator.Jenis.IKI, aktif=True).values_list(
                "kode", "pk"
            )
        )
        aksi = {kode[k]: (v["aksi"], v.get("jadwal", "")) for k, v in (rec.get("aksi") or {}).items() if k in kode}
        hasil = layanan.rencana_simpan(
            actor=ctx.user(rec["oleh"]),
            pegawai=pegawai,
            tahun=tahun,
            triwulan=triwulan,
            versi=0,
            aksi=aksi,
            ajukan=rec.get("ajukan", True),
        )
        if rec.get("disetujui_oleh"):
            layanan.rencana_putuskan(
                actor=ctx.user(rec["disetujui_oleh"]), rencana=hasil, versi=hasil.versi, setuju=True
            )
        ctx.catat("rencana_kerja", "dibuat")

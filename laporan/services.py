"""Writes of the report machinery: request a report, render it (in the `reports` worker), remove old files, and
generate the quarter-close reports.

Invariants:
- Rendering happens only in `laporan_render`, which only the `kinerja.reports.render` task calls: a web request
  creates a job and enqueues it on commit, nothing more.
- A job is rendered at most once: `laporan_render` returns quietly for a finished job, so a redelivered task changes
  nothing.
- A file is shared by every job for the same report over the same data: its data version (a hash of everything the
  file shows) is looked up before rendering, and a stored file with that version is served instead.
"""

import datetime
import logging
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.mail import send_mass_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from indikator.models import ROMAWI, Indikator, Periode
from opd.lingkup import Lingkup, get_lingkup
from opd.models import Instansi, Opd, Pegawai, Peran, PeranPengguna

from . import data as laporan_data
from . import excel, render
from .jenis import INSTANSI, OPD, PEGAWAI, REGISTRI, JenisLaporan
from .models import BerkasLaporan, Format, Laporan, PenutupanTriwulan

logger = logging.getLogger(__name__)

MASA_PENUTUPAN_HARI = 30  # the quarter-close job looks back this far, so a first deployment does not flood the queue
BATAS_MACET = datetime.timedelta(hours=6)  # a job queued or running longer than this is failed by the daily cleanup


class LaporanGagal(Exception):
    """A reason a report cannot be made, worded for the user who asked for it."""


# -- access ----------------------------------------------------------------------------------------------------------


def boleh_membaca(
    lingkup: Lingkup, *, jenis: JenisLaporan, instansi_id: int, opd_id: int | None, pegawai: Pegawai | None = None
) -> bool:
    """Whether the user may see the data of a report: the OPD's readers for an OPD's report, the instansi's
    instansi-wide roles (Admin BKN, Admin Instansi, Petugas Pengaduan) for an instansi's report, and for a staff
    evaluation whoever may read that ASN's evaluations (the evaluation cycle's rule: the instansi's admins and BKN,
    the OPD's team and head, the ASN's superior and the ASN)."""
    if lingkup.superuser:
        return True
    if jenis.tingkat == OPD:
        return opd_id is not None and lingkup.can_read_opd(opd_id, instansi_id)
    if jenis.tingkat == INSTANSI:
        return instansi_id in lingkup.instansi_penuh
    if jenis.tingkat == PEGAWAI:
        from penilaian.selectors import boleh_baca

        return pegawai is not None and boleh_baca(lingkup, pegawai)
    return False


def jenis_untuk(lingkup: Lingkup) -> list[JenisLaporan]:
    """The report types this user may request for some object of their scope."""
    result = []
    for jenis in REGISTRI.values():
        if lingkup.superuser:
            result.append(jenis)
        elif jenis.tingkat == OPD and (lingkup.instansi_penuh or lingkup.opd_penuh):
            result.append(jenis)
        elif jenis.tingkat == INSTANSI and lingkup.instansi_penuh:
            result.append(jenis)
        elif jenis.tingkat == PEGAWAI and (
            lingkup.pegawai_id or lingkup.admin_instansi or lingkup.bkn_instansi or lingkup.opd_penuh
        ):
            result.append(jenis)
    return result


# -- requesting ------------------------------------------------------------------------------------------------------


def kunci_cache(laporan: Laporan) -> str:
    return "|".join(
        str(part)
        for part in (
            laporan.jenis,
            laporan.format,
            laporan.bahasa,
            f"i{laporan.instansi_id}",
            f"o{laporan.opd_id or ''}",
            f"p{laporan.pegawai_id or ''}",
            laporan.tahun,
            laporan.triwulan or "",
        )
    )


def _ada_penilaian_final(*, actor, pegawai: Pegawai, tahun: int, triwulan: int | None) -> bool:
    """A final evaluation of the period that the actor may read (an ASN reads their own only once final)."""
    from penilaian.models import Penilaian
    from penilaian.selectors import FINAL, penilaian_for_user

    jenis = Penilaian.Jenis.TAHUNAN if triwulan is None else Penilaian.Jenis.TRIWULAN
    return (
        penilaian_for_user(user=actor)
        .filter(pegawai=pegawai, tahun=tahun, jenis=jenis, triwulan=triwulan or 4, status__in=FINAL)
        .exists()
    )


def _enqueue(laporan_id: int) -> None:
    from .tasks import render_laporan

    transaction.on_commit(lambda: render_laporan.delay(laporan_id=laporan_id))


def laporan_minta(
    *,
    actor,
    jenis: str,
    format: str = Format.PDF,
    instansi: Instansi,
    opd: Opd | None = None,
    pegawai=None,
    tahun: int,
    triwulan: int | None = None,
    bahasa: str | None = None,
) -> Laporan:
    """Queue a report for the actor. The actor must be able to read its data (the view has already fetched the
    objects through scoped selectors; this checks again for other callers). An identical request of the same actor
    still queued or running is returned instead of a second one."""
    kind = REGISTRI.get(jenis)
    if kind is None:
        raise ValidationError({"jenis": _("Jenis laporan tidak dikenal.")})
    if format not in Format.values:
        raise ValidationError({"format": _("Format laporan tidak dikenal.")})
    if kind.per_triwulan and triwulan not in (1, 2, 3, 4):
        raise ValidationError({"triwulan": _("Pilih triwulan laporan.")})
    if kind.triwulan_opsional and triwulan not in (None, 1, 2, 3, 4):
        raise ValidationError({"triwulan": _("Triwulan tidak valid.")})
    if not kind.per_triwulan and not kind.triwulan_opsional:
        triwulan = None
    if not 2000 <= tahun <= 2100:
        raise ValidationError({"tahun": _("Tahun tidak valid.")})
    if kind.tingkat == OPD and opd is None:
        raise ValidationError({"opd": _("Pilih OPD.")})
    if kind.tingkat == PEGAWAI and pegawai is None:
        raise ValidationError({"pegawai": _("Pilih pegawai.")})
    if kind.tingkat == INSTANSI:
        opd = pegawai = None
    elif kind.tingkat == OPD:
        pegawai = None
    if pegawai is not None:
        opd = pegawai.opd
    if opd is not None and opd.instansi_id != instansi.pk:
        raise ValidationError({"opd": _("OPD tidak berada di instansi ini.")})
    lingkup = get_lingkup(actor)
    if not boleh_membaca(lingkup, jenis=kind, instansi_id=instansi.pk, opd_id=opd.pk if opd else None, pegawai=pegawai):
        raise PermissionDenied
    if kind.tingkat == PEGAWAI and not _ada_penilaian_final(
        actor=actor, pegawai=pegawai, tahun=tahun, triwulan=triwulan
    ):
        raise ValidationError(_("Belum ada penilaian final untuk periode ini."))
    bahasa = bahasa or translation.get_language() or settings.LANGUAGE_CODE
    with transaction.atomic():
        params = {
            "jenis": jenis,
            "format": format,
            "bahasa": bahasa,
            "instansi": instansi,
            "opd": opd,
            "pegawai": pegawai,
            "tahun": tahun,
            "triwulan": triwulan,
        }
        existing = (
            Laporan.objects.select_for_update()
            .filter(diminta_oleh=actor, status__in=(Laporan.Status.ANTRI, Laporan.Status.BERJALAN), **params)
            .first()
        )
        if existing is not None:
            return existing
        laporan = Laporan(diminta_oleh=actor, **params)
        laporan.full_clean()
        laporan.save()
        _enqueue(laporan.pk)
    return laporan


# -- rendering (worker only) -----------------------------------------------------------------------------------------


def konteks_pdf(*, jenis: JenisLaporan, laporan: Laporan, data, versi: str, dibuat_pada: datetime.datetime) -> dict:
    return {
        "data": data,
        "kop": data.kop,
        "jenis": jenis,
        "laporan": laporan,
        "judul": jenis.judul_dokumen(laporan),
        "grafik": jenis.grafik(data),
        "logo": render.logo_data_uri(data.kop.logo),
        "dibuat_pada": dibuat_pada,
        "zona": dibuat_pada.tzname(),
        "versi": versi[:12],
        "versi_lengkap": versi,
        "bahasa": laporan.bahasa,
    }


def versi_laporan(*, jenis: JenisLaporan, laporan: Laporan, data) -> str:
    return laporan_data.versi_data(
        data, tambahan={"jenis": jenis.kode, "revisi": jenis.revisi, "format": laporan.format, "bahasa": laporan.bahasa}
    )


def buat_isi(*, laporan: Laporan, data=None, dibuat_pada: datetime.datetime | None = None) -> tuple[bytes, str, str]:
    """Gather, version and render one report: (file bytes, title, data version). The active language must be the
    report's (laporan_render sees to it)."""
    jenis = REGISTRI[laporan.jenis]
    data = data if data is not None else jenis.kumpulkan(laporan)
    versi = versi_laporan(jenis=jenis, laporan=laporan, data=data)
    zona = ZoneInfo(laporan.instansi.zona_waktu)
    dibuat_pada = (dibuat_pada or timezone.now()).astimezone(zona)
    judul = jenis.judul_dokumen(laporan)
    with timezone.override(zona):  # every date the file shows is in the instansi's zone
        isi = _render_isi(jenis=jenis, laporan=laporan, data=data, versi=versi, judul=judul, dibuat_pada=dibuat_pada)
    return isi, judul, versi


def html_laporan(*, laporan: Laporan, data=None, dibuat_pada: datetime.datetime | None = None) -> str:
    """The finished HTML of a PDF report: exactly what WeasyPrint is given (the benchmark renders it alone)."""
    jenis = REGISTRI[laporan.jenis]
    data = data if data is not None else jenis.kumpulkan(laporan)
    zona = ZoneInfo(laporan.instansi.zona_waktu)
    dibuat_pada = (dibuat_pada or timezone.now()).astimezone(zona)
    versi = versi_laporan(jenis=jenis, laporan=laporan, data=data)
    with timezone.override(zona):
        return _html(jenis=jenis, laporan=laporan, data=data, versi=versi, dibuat_pada=dibuat_pada)


def _html(*, jenis: JenisLaporan, laporan: Laporan, data, versi: str, dibuat_pada) -> str:
    return render_to_string(
        jenis.template, konteks_pdf(jenis=jenis, laporan=laporan, data=data, versi=versi, dibuat_pada=dibuat_pada)
    )


def _render_isi(*, jenis: JenisLaporan, laporan: Laporan, data, versi: str, judul: str, dibuat_pada) -> bytes:
    if laporan.format == Format.XLSX:
        return excel.workbook(
            judul=judul,
            instansi=laporan.instansi.nama,
            dibuat_pada=dibuat_pada,
            versi=versi[:12],
            keterangan=jenis.keterangan_excel(laporan),
            lembar=jenis.lembar(data),
        )
    return render.pdf_dari_html(_html(jenis=jenis, laporan=laporan, data=data, versi=versi, dibuat_pada=dibuat_pada))


def _simpan_berkas(*, laporan: Laporan, kunci: str, versi: str, isi: bytes, judul: str, dibuat_pada) -> BerkasLaporan:
    berkas = BerkasLaporan(
        instansi_id=laporan.instansi_id,
        kunci=kunci,
        versi_data=versi,
        format=laporan.format,
        judul=judul[:300],
        ukuran=len(isi),
        dibuat_pada=dibuat_pada,
        terakhir_dipakai=dibuat_pada,
    )
    berkas.berkas.save(f"x.{laporan.format}", ContentFile(isi), save=False)
    try:
        with transaction.atomic():
            berkas.save()
    except IntegrityError:
        # Another worker stored the same report over the same data meanwhile: use theirs, drop ours.
        default_storage.delete(berkas.berkas.name)
        berkas = BerkasLaporan.objects.get(kunci=kunci, versi_data=versi)
    return berkas


def _gagal(laporan_id: int, alasan: str) -> None:
    Laporan.objects.filter(pk=laporan_id).update(
        status=Laporan.Status.GAGAL, alasan_gagal=alasan, selesai_pada=timezone.now()
    )


def laporan_render(*, laporan_id: int) -> Laporan | None:
    """Render a queued job, or serve it a stored file with the same data version. Idempotent. A failure is recorded on
    the job with its reason; it is not raised (the job is the record)."""
    from celery.exceptions import SoftTimeLimitExceeded

    with transaction.atomic():
        laporan = (
            Laporan.objects.select_for_update(of=("self",))
            .select_related("instansi", "opd", "pegawai")
            .filter(pk=laporan_id)
            .first()
        )
        if laporan is None or laporan.status in (Laporan.Status.SELESAI, Laporan.Status.GAGAL):
            return laporan
        laporan.status = Laporan.Status.BERJALAN
        laporan.mulai_pada = timezone.now()
        laporan.save(update_fields=["status", "mulai_pada"])
    try:
        jenis = REGISTRI.get(laporan.jenis)
        if jenis is None:
            raise LaporanGagal(_("Jenis laporan %(jenis)s tidak dikenal.") % {"jenis": laporan.jenis})
        with translation.override(laporan.bahasa):
            data = jenis.kumpulkan(laporan)
            versi = versi_laporan(jenis=jenis, laporan=laporan, data=data)
            kunci = kunci_cache(laporan)
            sekarang = timezone.now()
            berkas = BerkasLaporan.objects.filter(kunci=kunci, versi_data=versi).first()
            if berkas is not None and default_storage.exists(berkas.berkas.name):
                BerkasLaporan.objects.filter(pk=berkas.pk).update(terakhir_dipakai=sekarang)
                dari_cache = True
            else:
                if berkas is not None:
                    berkas.delete()  # its file is gone (removed by hand?): render again
                isi, judul, versi = buat_isi(laporan=laporan, data=data, dibuat_pada=sekarang)
                berkas = _simpan_berkas(
                    laporan=laporan, kunci=kunci, versi=versi, isi=isi, judul=judul, dibuat_pada=sekarang
                )
                dari_cache = False
    except SoftTimeLimitExceeded:
        _gagal(laporan_id, _("Waktu pembuatan laporan habis. Coba minta lagi; bila terulang, hubungi admin."))
        return None
    except (LaporanGagal, laporan_data.DataTidakAda) as exc:
        _gagal(laporan_id, str(exc))
        return None
    except Exception as exc:
        logger.exception("laporan %s gagal dibuat", laporan_id)
        _gagal(
            laporan_id,
            _("Terjadi kesalahan saat membuat laporan (%(jenis)s). Coba minta lagi; bila terulang, hubungi admin.")
            % {"jenis": type(exc).__name__},
        )
        return None
    with transaction.atomic():
        Laporan.objects.filter(pk=laporan_id).update(
            status=Laporan.Status.SELESAI, berkas=berkas, dari_cache=dari_cache, selesai_pada=timezone.now()
        )
        if laporan.penutupan_id:
            penutupan_id = laporan.penutupan_id
            transaction.on_commit(lambda: _beritahu_nanti(penutupan_id))
    laporan.refresh_from_db()
    return laporan


def _beritahu_nanti(penutupan_id: int) -> None:
    from .tasks import beritahu_penutupan

    beritahu_penutupan.delay(penutupan_id=penutupan_id)


# -- retention -------------------------------------------------------------------------------------------------------


def laporan_hapus_kedaluwarsa(*, sekarang: datetime.datetime | None = None) -> tuple[int, int]:
    """Remove jobs requested more than LAPORAN_RETENSI_HARI days ago, and stored files no job has used since then;
    files are deleted from storage once the transaction commits; fail jobs stuck for BATAS_MACET. Returns (jobs,
    files) removed."""
    sekarang = sekarang or timezone.now()
    batas = sekarang - datetime.timedelta(days=settings.LAPORAN_RETENSI_HARI)
    # A job whose task was lost (the broker's data wiped, say) would wait for ever: after BATAS_MACET it is failed
    # with a reason, so the user asks again.
    Laporan.objects.filter(
        status__in=(Laporan.Status.ANTRI, Laporan.Status.BERJALAN), diminta_pada__lt=sekarang - BATAS_MACET
    ).update(
        status=Laporan.Status.GAGAL,
        alasan_gagal=_("Laporan tidak selesai dibuat dalam 6 jam. Silakan minta lagi."),
        selesai_pada=sekarang,
    )
    with transaction.atomic():
        jobs, _detail = Laporan.objects.filter(diminta_pada__lt=batas).delete()
        kedaluwarsa = BerkasLaporan.objects.filter(terakhir_dipakai__lt=batas).exclude(
            pk__in=Laporan.objects.filter(berkas__isnull=False).values("berkas_id")
        )
        names = list(kedaluwarsa.values_list("berkas", flat=True))
        files, _detail = kedaluwarsa.delete()

        def hapus_berkas() -> None:
            for name in names:
                try:
                    default_storage.delete(name)
                except OSError:
                    logger.warning("berkas laporan %s tidak dapat dihapus", name)

        transaction.on_commit(hapus_berkas)
    return jobs, files


# -- quarter close ---------------------------------------------------------------------------------------------------


def laporan_tutup_triwulan(*, sekarang: datetime.datetime | None = None) -> list[PenutupanTriwulan]:
    """For every period whose entry window has closed (the day after `ditutup` has begun in the instansi's zone)
    within the last MASA_PENUTUPAN_HARI days and was not processed yet: queue each OPD's quarterly report (OPDs with
    IKU that year) and the instansi recap, as automatic jobs. The admins are told once they are all finished."""
    sekarang = sekarang or timezone.now()
    paling_awal = (sekarang - datetime.timedelta(days=MASA_PENUTUPAN_HARI + 1)).date()
    paling_akhir = (sekarang + datetime.timedelta(days=1)).date()
    calon = Periode.objects.filter(ditutup__gte=paling_awal, ditutup__lt=paling_akhir).select_related("instansi")
    selesai = set(PenutupanTriwulan.objects.filter(periode__in=calon).values_list("periode_id", "ditutup"))
    hasil = []
    for periode in calon:
        hari_ini = sekarang.astimezone(ZoneInfo(periode.instansi.zona_waktu)).date()
        if periode.ditutup >= hari_ini or (periode.pk, periode.ditutup) in selesai:
            continue
        if (hari_ini - periode.ditutup).days > MASA_PENUTUPAN_HARI:
            continue
        penutupan = _tutup_satu(periode)
        if penutupan is not None:
            hasil.append(penutupan)
    # Closings whose admins were not told yet (the last report's notification failed, e.g. the mail server was
    # down): try again; it does nothing while reports are still being made.
    tertunda = PenutupanTriwulan.objects.filter(
        diberitahu_pada__isnull=True, diproses_pada__gte=sekarang - datetime.timedelta(days=MASA_PENUTUPAN_HARI)
    ).exclude(pk__in=[p.pk for p in hasil])
    for penutupan_id in tertunda.values_list("pk", flat=True):
        try:
            penutupan_beritahu(penutupan_id=penutupan_id)
        except Exception:
            logger.exception("pemberitahuan penutupan %s gagal; dicoba lagi pada jam berikutnya", penutupan_id)
    return hasil


@transaction.atomic
def _tutup_satu(periode: Periode) -> PenutupanTriwulan | None:
    try:
        with transaction.atomic():
            penutupan = PenutupanTriwulan.objects.create(periode=periode, ditutup=periode.ditutup)
    except IntegrityError:
        return None  # another beat run got there first
    opd_ids = (
        Indikator.objects.filter(
            instansi_id=periode.instansi_id, tahun=periode.tahun, jenis=Indikator.Jenis.IKU, aktif=True
        )
        .order_by()
        .values("opd_id")
    )
    common = {
        "format": Format.PDF,
        "bahasa": settings.LANGUAGE_CODE,
        "instansi_id": periode.instansi_id,
        "tahun": periode.tahun,
        "triwulan": periode.triwulan,
        "penutupan": penutupan,
    }
    jobs = [
        Laporan(jenis="capaian_triwulan_opd", opd=opd, **common)
        for opd in Opd.objects.filter(pk__in=opd_ids).order_by("nama", "pk")
    ]
    jobs.append(Laporan(jenis="rekap_instansi", **common))
    for job in Laporan.objects.bulk_create(jobs):
        _enqueue(job.pk)
    return penutupan


def penutupan_beritahu(*, penutupan_id: int) -> bool:
    """Email the Admin Instansi and Admin BKN of the instansi once every report of a quarter close is finished.

    Sends once: the row is locked, stamped and the mail sent in one transaction, so a concurrent call waits and then
    finds it stamped, and a failed send leaves it unstamped for the hourly beat to try again."""
    selesai = (Laporan.Status.SELESAI, Laporan.Status.GAGAL)
    with transaction.atomic():
        penutupan = (
            PenutupanTriwulan.objects.select_for_update(of=("self",))
            .select_related("periode__instansi")
            .filter(pk=penutupan_id, diberitahu_pada__isnull=True)
            .first()
        )
        if penutupan is None or Laporan.objects.filter(penutupan=penutupan).exclude(status__in=selesai).exists():
            return False
        pesan = _pesan_penutupan(penutupan)
        if pesan:
            send_mass_mail(pesan, fail_silently=False)
        penutupan.diberitahu_pada = timezone.now()
        penutupan.save(update_fields=["diberitahu_pada"])
    return True


def _pesan_penutupan(penutupan: PenutupanTriwulan) -> list[tuple[str, str, str, list[str]]]:
    periode = penutupan.periode
    instansi = periode.instansi
    jobs = list(Laporan.objects.filter(penutupan=penutupan).select_related("opd").order_by("jenis", "opd__nama"))
    penerima = sorted(
        set(
            PeranPengguna.objects.filter(
                instansi=instansi,
                opd__isnull=True,
                peran__in=(Peran.ADMIN_INSTANSI, Peran.ADMIN_BKN),
                user__is_active=True,
            )
            .exclude(user__email="")
            .values_list("user__email", flat=True)
        )
    )
    if not penerima:
        return []
    with translation.override(settings.LANGUAGE_CODE):
        tw = ROMAWI[periode.triwulan]
        subjek = _("Laporan akhir TW %(tw)s %(tahun)s %(instansi)s siap diunduh") % {
            "tw": tw,
            "tahun": periode.tahun,
            "instansi": instansi.nama,
        }
        baris = []
        for job in jobs:
            nama = job.opd.nama if job.opd_id else instansi.nama
            keadaan = (
                _("siap")
                if job.status == Laporan.Status.SELESAI
                else _("gagal: %(alasan)s") % {"alasan": job.alasan_gagal}
            )
            baris.append(f"- {job.judul_jenis} – {nama}: {keadaan}")
        tautan = f"{settings.SITE_URL.rstrip('/')}{reverse('laporan:index')}"
        isi = "\n".join(
            [
                _("Pengisian realisasi TW %(tw)s %(tahun)s %(instansi)s telah ditutup pada %(tanggal)s.")
                % {
                    "tw": tw,
                    "tahun": periode.tahun,
                    "instansi": instansi.nama,
                    "tanggal": penutupan.ditutup.strftime("%d/%m/%Y"),
                },
                _("Laporan berikut telah dibuat dan dapat diunduh di Pusat Unduhan:"),
                "",
                *baris,
                "",
                tautan,
            ]
        )
    return [(subjek, isi, settings.DEFAULT_FROM_EMAIL, [email]) for email in penerima]

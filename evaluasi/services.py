"""Writes for realisations: entry, evidence, and the Draf → Diajukan → Diverifikasi / Dikembalikan workflow.

Every function is keyword-only and runs in one transaction; each change is kept by simple_history with its actor;
a change that moves a verified value enqueues the recalculation of the indicator on commit.
"""

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from indikator.capaian import Polaritas, StatusCapaian, hitung_capaian
from indikator.models import ROMAWI, Indikator, TargetTriwulan
from indikator.services import periode_get_or_create, periode_terbuka
from opd import antrian, audit
from opd.lingkup import get_lingkup
from opd.models import Opd

from .bukti import periksa_berkas
from .models import BuktiDukung, Realisasi

NILAI_MAKS = Decimal("99999999999999")  # fits max_digits=18, decimal_places=4
RUPIAH_MAKS = Decimal("9999999999999999")  # fits max_digits=18, decimal_places=2
TETAP = object()  # a budget figure not sent: what is stored is kept
_RIBUAN = re.compile(r"^\d{1,3}(\.\d{3})+$")


class KonflikVersi(Exception):
    """Someone else saved this realisation after the form was loaded: the save is refused, nothing is overwritten."""

    def __init__(self, realisasi: Realisasi | None):
        self.realisasi = realisasi
        super().__init__(_("Nilai ini sudah diubah orang lain."))


def boleh_mengisi(user, indikator: Indikator) -> bool:
    return get_lingkup(user).can_enter_realisasi(indikator.opd_id, indikator.instansi_id)


def boleh_memverifikasi(user, indikator: Indikator) -> bool:
    lingkup = get_lingkup(user)
    return (
        lingkup.can_enter_realisasi(indikator.opd_id, indikator.instansi_id) or indikator.opd_id in lingkup.pimpinan_opd
    )


def parse_nilai(teks: str | None, *, indikator: Indikator) -> Decimal | None:
    """Read a typed value the Indonesian way ("1.234,5") or the plain way ("1234.5"). Blank is None."""
    teks = (teks or "").strip().replace(" ", "")
    if not teks:
        return None
    if "," in teks:
        teks = teks.replace(".", "").replace(",", ".")
    try:
        nilai = Decimal(teks)
    except InvalidOperation:
        raise ValidationError(_("Realisasi harus berupa angka, misalnya 12 atau 12,5."), code="bukan_angka")
    if not nilai.is_finite():
        raise ValidationError(_("Realisasi harus berupa angka, misalnya 12 atau 12,5."), code="bukan_angka")
    if nilai < 0:
        raise ValidationError(_("Realisasi tidak boleh negatif."), code="negatif")
    if nilai > NILAI_MAKS:
        raise ValidationError(_("Realisasi terlalu besar."), code="terlalu_besar")
    if -nilai.as_tuple().exponent > indikator.desimal and nilai != nilai.quantize(
        Decimal(1).scaleb(-indikator.desimal)
    ):
        raise ValidationError(
            _("Realisasi indikator ini paling banyak %(n)d angka di belakang koma.") % {"n": indikator.desimal},
            code="desimal",
        )
    return nilai


def parse_rupiah(teks: str | None, *, label: str) -> Decimal | None:
    """Read an amount in rupiah the Indonesian way ("Rp 1.250.000,50", "1.250.000") or the plain way ("1250000.5").
    A dot between groups of three digits is a thousands separator. Blank is None."""
    teks = (teks or "").strip().replace(" ", "").replace("\u00a0", "")
    if teks[:2].lower() == "rp":
        teks = teks[2:]
    if not teks:
        return None
    if "," in teks:
        teks = teks.replace(".", "").replace(",", ".")
    elif _RIBUAN.match(teks):
        teks = teks.replace(".", "")
    pesan = _("%(label)s harus berupa jumlah rupiah, misalnya 1.250.000 atau 1250000,50.") % {"label": label}
    try:
        nilai = Decimal(teks)
    except InvalidOperation:
        raise ValidationError(pesan, code="bukan_angka")
    if not nilai.is_finite():
        raise ValidationError(pesan, code="bukan_angka")
    if nilai < 0:
        raise ValidationError(_("%(label)s tidak boleh negatif.") % {"label": label}, code="negatif")
    if nilai > RUPIAH_MAKS:
        raise ValidationError(_("%(label)s terlalu besar.") % {"label": label}, code="terlalu_besar")
    if nilai != nilai.quantize(Decimal("0.01")):
        raise ValidationError(
            _("%(label)s paling banyak dua angka di belakang koma.") % {"label": label}, code="desimal"
        )
    return nilai


def capaian_pratinjau(*, indikator: Indikator, target: TargetTriwulan | None, nilai: Decimal | None, cap: Decimal):
    """The achievement of this quarter's value alone, as the grid previews it while the user types."""
    return hitung_capaian(
        polaritas=Polaritas(indikator.polaritas),
        realisasi=nilai,
        target_bawah=target.target_bawah if target else None,
        target_atas=target.target_atas if target else None,
        cap=cap,
    )


def _cek_periode(indikator: Indikator, triwulan: int) -> None:
    _cek_periode_instansi(indikator.instansi, indikator.tahun, triwulan)


def _cek_periode_instansi(instansi, tahun: int, triwulan: int) -> None:
    periode = periode_get_or_create(instansi=instansi, tahun=tahun, triwulan=triwulan)
    periode.instansi = instansi  # already loaded: spares the query periode_terbuka would make for its time zone
    if not periode_terbuka(periode=periode):
        raise ValidationError(
            _("Periode %(periode)s tidak terbuka untuk pengisian (jendela %(buka)s – %(tutup)s).")
            % {
                "periode": periode,
                "buka": periode.dibuka.strftime("%d/%m/%Y"),
                "tutup": periode.ditutup.strftime("%d/%m/%Y"),
            },
            code="periode_ditutup",
        )


def _ambil_terkunci(*, indikator: Indikator, triwulan: int, versi: int) -> Realisasi:
    """The row, locked for this transaction, after checking that the caller saw its latest version."""
    realisasi = Realisasi.objects.select_for_update().filter(indikator=indikator, triwulan=triwulan).first()
    if realisasi is None:
        if versi != 0:
            raise KonflikVersi(None)
        return Realisasi(indikator=indikator, triwulan=triwulan, versi=0)
    if realisasi.versi != versi:
        raise KonflikVersi(realisasi)
    realisasi.indikator = indikator  # at hand: the audit log names the row by it without a query
    return realisasi


def _simpan(realisasi: Realisasi, actor) -> None:
    realisasi.versi += 1
    realisasi.diubah_oleh = actor
    realisasi._history_user = actor
    realisasi.full_clean()
    realisasi.save()


def _recalculate_on_commit(indikator_id: int) -> None:
    from .tasks import recalculate_indikator

    antrian.kirim_saat_commit(recalculate_indikator, indikator_ids=[indikator_id])


@transaction.atomic
def realisasi_simpan(
    *,
    actor,
    indikator: Indikator,
    triwulan: int,
    versi: int,
    nilai: Decimal | None,
    kendala: str | None = "",
    solusi: str | None = "",
    bukti_tautan: str | None = "",
    bukti_teks: str | None = "",
    berkas: list | None = None,
    pagu=TETAP,
    serapan=TETAP,
) -> Realisasi:
    """Save a draft. Only the OPD's team (or its Admin Instansi), only while the period is open, only from Draf or
    Dikembalikan (which becomes Draf again), and only from the version the user saw. A text given as None keeps
    what is stored (the grid's compact row sends the value alone), and so does a budget figure not given (TETAP).
    Pagu and serapan (rupiah) belong to an IKU only; serapan above pagu is refused (Realisasi.clean)."""
    if not boleh_mengisi(actor, indikator):
        raise PermissionDenied
    _cek_periode(indikator, triwulan)
    realisasi = _ambil_terkunci(indikator=indikator, triwulan=triwulan, versi=versi)
    if realisasi.pk and not realisasi.dapat_diubah:
        raise ValidationError(
            _("Realisasi berstatus %(status)s tidak dapat diubah.") % {"status": realisasi.get_status_display()},
            code="terkunci",
        )
    if indikator.sumber_realisasi == Indikator.SumberRealisasi.MANUAL:
        realisasi.nilai = nilai
    for name, value in (
        ("kendala", kendala),
        ("solusi", solusi),
        ("bukti_tautan", bukti_tautan),
        ("bukti_teks", bukti_teks),
    ):
        if value is not None:
            setattr(realisasi, name, value.strip())
    for name, value in (("pagu", pagu), ("serapan", serapan)):
        if value is TETAP:
            continue
        if value is not None and indikator.jenis != Indikator.Jenis.IKU:
            raise ValidationError({name: _("Anggaran hanya dicatat untuk IKU.")}, code="bukan_iku")
        setattr(realisasi, name, value)
    realisasi.status = Realisasi.Status.DRAF
    _simpan(realisasi, actor)
    for item in berkas or []:
        bukti_tambah(actor=actor, realisasi=realisasi, berkas=item)
    return realisasi


def bukti_tambah(*, actor, realisasi: Realisasi, berkas) -> BuktiDukung:
    """Attach an evidence file, checked by content and size; stored under a random name outside the web root."""
    if not boleh_mengisi(actor, realisasi.indikator):
        raise PermissionDenied
    if realisasi.pk is None or not realisasi.dapat_diubah:
        raise ValidationError(_("Bukti hanya dapat ditambahkan pada realisasi yang masih draf."), code="terkunci")
    _ekstensi, jenis_konten = periksa_berkas(berkas)
    bukti = BuktiDukung(
        realisasi=realisasi,
        nama_asli=berkas.name[:200],
        jenis_konten=jenis_konten,
        ukuran=berkas.size,
        diunggah_oleh=actor,
    )
    bukti.berkas.save(berkas.name, berkas, save=False)
    bukti.save()
    return bukti


@transaction.atomic
def bukti_hapus(*, actor, bukti: BuktiDukung) -> None:
    realisasi = bukti.realisasi
    if not boleh_mengisi(actor, realisasi.indikator):
        raise PermissionDenied
    if not realisasi.dapat_diubah:
        raise ValidationError(_("Bukti realisasi yang sudah diajukan tidak dapat dihapus."), code="terkunci")
    storage, name = bukti.berkas.storage, bukti.berkas.name
    bukti.delete()
    transaction.on_commit(lambda: storage.delete(name))


def _syarat_pengajuan(
    realisasi: Realisasi, target: TargetTriwulan | None, cap: Decimal, *, ada_berkas: bool | None = None
) -> None:
    """Refuse a submission without a value, without evidence, or under 100 % without kendala and solusi."""
    errors = _kekurangan_pengajuan(realisasi, target, cap, ada_berkas=ada_berkas)
    if errors:
        raise ValidationError(errors)


def _kekurangan_pengajuan(
    realisasi: Realisasi, target: TargetTriwulan | None, cap: Decimal, *, ada_berkas: bool | None = None
) -> dict[str, str]:
    indikator = realisasi.indikator
    errors: dict[str, str] = {}
    if realisasi.nilai is None:
        errors["nilai"] = _("Isi nilai realisasi sebelum mengajukan.")
    else:
        capaian = capaian_pratinjau(indikator=indikator, target=target, nilai=realisasi.nilai, cap=cap)
        if capaian.status == StatusCapaian.OK and capaian.raw < 100:
            if not realisasi.kendala:
                errors["kendala"] = _("Capaian di bawah 100%: jelaskan kendalanya.")
            if not realisasi.solusi:
                errors["solusi"] = _("Capaian di bawah 100%: tuliskan solusi atau rencana tindak lanjut.")
    if not (realisasi.bukti_tautan or realisasi.bukti_teks) and not (
        ada_berkas if ada_berkas is not None else realisasi.bukti_set.exists()
    ):
        errors["bukti"] = _("Lampirkan bukti dukung (berkas, tautan, atau keterangan) sebelum mengajukan.")
    return errors


@transaction.atomic
def realisasi_ajukan(*, actor, realisasi: Realisasi, versi: int) -> Realisasi:
    """Draf → Diajukan, once the value, evidence and (under 100 %) kendala and solusi are there."""
    indikator = realisasi.indikator
    if not boleh_mengisi(actor, indikator):
        raise PermissionDenied
    _cek_periode(indikator, realisasi.triwulan)
    realisasi = _ambil_terkunci(indikator=indikator, triwulan=realisasi.triwulan, versi=versi)
    if realisasi.pk is None or not realisasi.dapat_diubah:
        raise ValidationError(_("Hanya realisasi berstatus Draf yang dapat diajukan."), code="status")
    target = TargetTriwulan.objects.filter(indikator=indikator, triwulan=realisasi.triwulan).first()
    _syarat_pengajuan(realisasi, target, indikator.instansi.batas_capaian)
    realisasi.status = Realisasi.Status.DIAJUKAN
    realisasi.diajukan_pada = timezone.now()
    realisasi.alasan_pengembalian = ""
    _simpan(realisasi, actor)
    return realisasi


@transaction.atomic
def realisasi_verifikasi(*, actor, realisasi: Realisasi, versi: int) -> Realisasi:
    """Diajukan → Diverifikasi: from now on the value counts in achievements, scores and reports."""
    indikator = realisasi.indikator
    if not boleh_memverifikasi(actor, indikator):
        raise PermissionDenied
    realisasi = _ambil_terkunci(indikator=indikator, triwulan=realisasi.triwulan, versi=versi)
    if realisasi.status != Realisasi.Status.DIAJUKAN:
        raise ValidationError(_("Hanya realisasi yang sudah diajukan yang dapat diverifikasi."), code="status")
    realisasi.status = Realisasi.Status.DIVERIFIKASI
    realisasi.diverifikasi_oleh = actor
    realisasi.diverifikasi_pada = timezone.now()
    _simpan(realisasi, actor)
    _recalculate_on_commit(indikator.pk)
    return realisasi


@transaction.atomic
def realisasi_kembalikan(*, actor, realisasi: Realisasi, versi: int, alasan: str) -> Realisasi:
    """Diajukan (or Diverifikasi) → Dikembalikan with a reason; the team corrects it as a draft."""
    indikator = realisasi.indikator
    if not boleh_memverifikasi(actor, indikator):
        raise PermissionDenied
    if not (alasan or "").strip():
        raise ValidationError({"alasan": _("Tuliskan alasan pengembalian.")})
    realisasi = _ambil_terkunci(indikator=indikator, triwulan=realisasi.triwulan, versi=versi)
    if realisasi.status not in (Realisasi.Status.DIAJUKAN, Realisasi.Status.DIVERIFIKASI):
        raise ValidationError(
            _("Hanya realisasi yang diajukan atau diverifikasi yang dapat dikembalikan."), code="status"
        )
    was_verified = realisasi.status == Realisasi.Status.DIVERIFIKASI
    realisasi.status = Realisasi.Status.DIKEMBALIKAN
    realisasi.alasan_pengembalian = alasan.strip()
    realisasi.diverifikasi_oleh = None
    realisasi.diverifikasi_pada = None
    _simpan(realisasi, actor)
    if was_verified:
        _recalculate_on_commit(indikator.pk)
    _beri_tahu_dikembalikan(realisasi, indikator, actor)
    return realisasi


def _beri_tahu_dikembalikan(realisasi: Realisasi, indikator: Indikator, actor) -> None:
    """The OPD's evaluation team (but not whoever returned it) is told, with the reason."""
    from opd.models import JenisNotifikasi, Peran
    from opd.notifikasi import beri_tahu, pengguna_peran

    penerima = [pk for pk in pengguna_peran(peran=[Peran.TIM_EVALUASI], opd_ids=[indikator.opd_id]) if pk != actor.pk]
    with translation.override("id"):
        teks = _("Realisasi %(kode)s TW %(tw)s %(tahun)s dikembalikan: %(alasan)s") % {
            "kode": indikator.kode,
            "tw": ROMAWI[realisasi.triwulan],
            "tahun": indikator.tahun,
            "alasan": realisasi.alasan_pengembalian,
        }
    beri_tahu(
        users=penerima,
        jenis=JenisNotifikasi.REALISASI_DIKEMBALIKAN,
        teks=teks,
        tautan=reverse("evaluasi:grid", args=[indikator.opd_id, indikator.tahun, realisasi.triwulan])
        + "?status=dikembalikan",
        kunci=f"realisasi:{realisasi.pk}:{realisasi.versi}",
    )


# -- Bulk actions of the grid: the same rules as the single-row services, set-based -----------------------------------

BATCH = 500


@dataclass
class HasilMassal:
    """The outcome of a bulk action: the rows changed, each refused row with its reason (in Indonesian), and how many
    rows were passed over (not yet entered, or not a row of this OPD and quarter)."""

    berhasil: list[Realisasi] = field(default_factory=list)
    ditolak: list[tuple[str, str]] = field(default_factory=list)
    dilewati: int = 0


def _label(indikator: Indikator) -> str:
    if indikator.pegawai_id:
        return f"{indikator.kode} ({indikator.pegawai.nama})"
    return indikator.kode


def _tulis_massal(rows: list[Realisasi], actor, fields: list[str]) -> None:
    """One bulk update, with one history row and one audit entry each (who and when, as `_simpan` records them; the
    entries in one INSERT).

    A bulk update sends no post_save signal, so the rows are handed to the recalculation here, as evaluasi/signals.py
    does for a single save: one task on commit for all of them, and the recount of the OPD's summary."""
    from simple_history.utils import bulk_update_with_history

    from .signals import enqueue_recalculation_of

    now = timezone.now()
    for r in rows:
        r.versi += 1
        r.diubah_oleh = actor
        r.diubah_pada = now  # auto_now is not applied by bulk_update
        r._history_user = actor
    bulk_update_with_history(
        rows,
        Realisasi,
        [*fields, "versi", "diubah_oleh", "diubah_pada"],
        batch_size=BATCH,
        default_user=actor,
        default_date=now,
    )
    audit.catat_perubahan_banyak(rows, user=actor, batch_size=BATCH)
    enqueue_recalculation_of(r.indikator_id for r in rows)


@transaction.atomic
def realisasi_ajukan_banyak(*, actor, opd: Opd, tahun: int, triwulan: int, indikator=None) -> HasilMassal:
    """Draf / Dikembalikan → Diajukan for every complete row of the OPD's quarter (or of the indicators of the queryset
    `indikator`, e.g. the grid's filter), by the rules of `realisasi_ajukan`: a value, evidence, and kendala and
    solusi under 100 %. Rows without a value are passed over; an incomplete row is refused with its reasons.

    Four queries whatever the count: the rows (locked in id order, so two bulk actions cannot deadlock), their targets,
    the rows with an evidence file, and the bulk write (with history).
    """
    if not get_lingkup(actor).can_enter_realisasi(opd.pk, opd.instansi_id):
        raise PermissionDenied
    _cek_periode_instansi(opd.instansi, tahun, triwulan)
    qs = Realisasi.objects.filter(
        indikator__opd=opd,
        indikator__tahun=tahun,
        indikator__aktif=True,
        triwulan=triwulan,
        status__in=[Realisasi.Status.DRAF, Realisasi.Status.DIKEMBALIKAN],
    )
    if indikator is not None:
        qs = qs.filter(indikator__in=indikator.values("pk"))
    rows = list(qs.select_related("indikator__pegawai").select_for_update(of=("self",)).order_by("pk"))
    hasil = HasilMassal()
    if not rows:
        return hasil
    scope = {"indikator__opd": opd, "indikator__tahun": tahun, "triwulan": triwulan}
    targets = {t.indikator_id: t for t in TargetTriwulan.objects.filter(**scope)}
    berkas = set(
        BuktiDukung.objects.filter(**{f"realisasi__{k}": v for k, v in scope.items()}).values_list(
            "realisasi_id", flat=True
        )
    )
    cap = opd.instansi.batas_capaian
    siap = []
    for r in rows:
        if r.nilai is None:
            hasil.dilewati += 1
            continue
        errors = _kekurangan_pengajuan(r, targets.get(r.indikator_id), cap, ada_berkas=r.pk in berkas)
        if errors:
            hasil.ditolak.append((_label(r.indikator), " ".join(str(e) for e in errors.values())))
            continue
        r.status = Realisasi.Status.DIAJUKAN
        r.diajukan_pada = timezone.now()
        r.alasan_pengembalian = ""
        siap.append(r)
    if siap:
        _tulis_massal(siap, actor, ["status", "diajukan_pada", "alasan_pengembalian"])
    hasil.berhasil = siap
    return hasil


@transaction.atomic
def realisasi_verifikasi_banyak(*, actor, opd: Opd, tahun: int, triwulan: int, pilihan: dict[int, int]) -> HasilMassal:
    """Diajukan → Diverifikasi for the chosen rows (indicator id → the version the verifier saw), by the rules of
    `realisasi_verifikasi`: a row changed since it was shown, or not submitted, is refused with the reason; an id that
    is not an indicator of this OPD and year is passed over. Locks in id order; one bulk write; one recalculation
    (enqueued by `_tulis_massal`)."""
    lingkup = get_lingkup(actor)
    if not (lingkup.can_enter_realisasi(opd.pk, opd.instansi_id) or opd.pk in lingkup.pimpinan_opd):
        raise PermissionDenied
    hasil = HasilMassal()
    indikator = {
        i.pk: i for i in Indikator.objects.filter(opd=opd, tahun=tahun, pk__in=list(pilihan)).select_related("pegawai")
    }
    hasil.dilewati = len(set(pilihan) - set(indikator))
    if not indikator:
        return hasil
    rows = {
        r.indikator_id: r
        for r in Realisasi.objects.filter(indikator_id__in=list(indikator), triwulan=triwulan)
        .select_for_update(of=("self",))
        .order_by("pk")
    }
    siap = []
    now = timezone.now()
    for pk in sorted(indikator, key=lambda k: (indikator[k].kode, k)):
        r = rows.get(pk)
        label = _label(indikator[pk])
        if r is None or r.status != Realisasi.Status.DIAJUKAN:
            hasil.ditolak.append((label, _("Hanya realisasi yang sudah diajukan yang dapat diverifikasi.")))
        elif r.versi != pilihan[pk]:
            hasil.ditolak.append((label, _("Sudah diubah orang lain sejak halaman dimuat; muat ulang lalu periksa.")))
        else:
            r.indikator = indikator[pk]
            r.status = Realisasi.Status.DIVERIFIKASI
            r.diverifikasi_oleh = actor
            r.diverifikasi_pada = now
            siap.append(r)
    if siap:
        _tulis_massal(siap, actor, ["status", "diverifikasi_oleh", "diverifikasi_pada"])
    hasil.berhasil = siap
    return hasil

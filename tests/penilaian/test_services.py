"""Evaluation services: who may evaluate, the override rule, finalising, reopening, acknowledging, the follow-up
(rewards and training), the organisation predikat and work plans."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from evaluasi.models import SkorOpd
from evaluasi.recalc import recalculate
from indikator.models import Indikator
from opd.models import Peran
from penilaian import services
from penilaian.aturan import NILAI_BERAKHLAK
from penilaian.models import (
    Pelatihan,
    PembukaanPenilaian,
    Penghargaan,
    Penilaian,
    PesertaPelatihan,
    PredikatOpd,
    RekomendasiPelatihan,
    RencanaKerja,
    UmpanBalikIndikator,
)
from penilaian.selectors import PeriodePenilaian, penghargaan_dari_kode
from tests.evaluasi.test_recalc import make_indikator, verified
from tests.factories import PegawaiFactory, user_with_role

D = Decimal
TAHUN = 2026  # the year of tests.evaluasi.test_recalc.make_indikator
TW1 = PeriodePenilaian(Penilaian.Jenis.TRIWULAN, 1)
TW2 = PeriodePenilaian(Penilaian.Jenis.TRIWULAN, 2)
TAHUNAN = PeriodePenilaian(Penilaian.Jenis.TAHUNAN, 4)


def skor(nilai: int | list[int]) -> dict:
    daftar = nilai if isinstance(nilai, list) else [nilai] * 7
    return dict(zip(NILAI_BERAKHLAK, daftar, strict=True))


def data(**kwargs) -> services.DataPenilaian:
    kwargs.setdefault("perilaku_skor", skor(2))
    kwargs.setdefault("perilaku", "sesuai")
    kwargs.setdefault("umpan_balik", "Terus tingkatkan.")
    return services.DataPenilaian(**kwargs)


def iki_dengan_capaian(world, pegawai, *items, triwulan=1):
    """IKI of `pegawai` with a verified TW realisation each: (kode, realisation against a target of 10, weight,
    utama). Returns the indicators by code after the recalculation."""
    hasil = {}
    for kode, nilai, bobot, utama in items:
        ind = make_indikator(pegawai.opd, kode, pegawai=pegawai, bobot=bobot)
        if not utama:
            ind.utama = False
            ind.save(update_fields=["utama"])
        for q in range(1, triwulan + 1):
            verified(ind, q, nilai)
        hasil[kode] = ind
    recalculate(instansi_id=pegawai.opd.instansi_id, tahun=TAHUN)
    return hasil


def simpan(world, pegawai=None, *, actor=None, periode=TW1, versi=None, finalkan=False, **kwargs):
    pegawai = pegawai or world.pegawai
    if versi is None:
        ada = Penilaian.objects.filter(
            pegawai=pegawai, tahun=TAHUN, jenis=periode.jenis, triwulan=periode.triwulan
        ).first()
        versi = ada.versi if ada else 0
    return services.penilaian_simpan(
        actor=actor or world.users["tim_evaluasi"],
        pegawai=pegawai,
        tahun=TAHUN,
        periode=periode,
        versi=versi,
        data=data(**kwargs),
        finalkan=finalkan,
    )


# -- who evaluates -------------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_asn_cannot_change_their_own_ratings(world):
    with pytest.raises(PermissionDenied):
        simpan(world, actor=world.users["asn"], hasil_kerja="di_atas", alasan_hasil_kerja="Saya layak.")
    assert not Penilaian.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("peran", ["admin_instansi", "admin_bkn", "pimpinan_opd", "petugas_pengaduan", "admin_lain"])
def test_readers_and_admins_do_not_evaluate(world, peran):
    with pytest.raises(PermissionDenied):
        simpan(world, actor=world.users[peran], hasil_kerja="sesuai", alasan_hasil_kerja="x")


@pytest.mark.django_db
def test_tim_evaluasi_cannot_evaluate_outside_their_opd_or_instansi(world):
    lain = PegawaiFactory(opd=world.opd_lain)
    for pegawai in (lain, world.pegawai_instansi_lain):
        with pytest.raises(PermissionDenied):
            simpan(world, pegawai, hasil_kerja="sesuai", alasan_hasil_kerja="x")
    assert not Penilaian.objects.exists()


@pytest.mark.django_db
def test_the_superior_linked_to_a_user_evaluates_direct_reports_only(world):
    atasan = world.pegawai.atasan
    user = user_with_role(Peran.ASN, pegawai=atasan, username="kasi")
    hasil = simpan(world, actor=user, hasil_kerja="sesuai", alasan_hasil_kerja="Belum ada capaian.")
    assert hasil.penilai == user
    # Not their superior, not a colleague in another unit, not themself.
    atasan.atasan = PegawaiFactory(opd=world.opd)
    atasan.save()
    for pegawai in (atasan.atasan, PegawaiFactory(opd=world.opd), atasan):
        with pytest.raises(PermissionDenied):
            simpan(world, pegawai, actor=user, hasil_kerja="sesuai", alasan_hasil_kerja="x")


@pytest.mark.django_db
def test_a_tim_evaluasi_member_does_not_evaluate_themself(world):
    tim = world.users["tim_evaluasi"]
    world.pegawai_lain.user = tim
    world.pegawai_lain.save()
    with pytest.raises(PermissionDenied):
        simpan(world, world.pegawai_lain, hasil_kerja="sesuai", alasan_hasil_kerja="x")
    simpan(world, world.pegawai, hasil_kerja="sesuai", alasan_hasil_kerja="x")  # a colleague is fine


# -- suggestion and override ---------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_override_without_justification_is_refused(world):
    iki_dengan_capaian(world, world.pegawai, ("IKI-1", 10, 1, True))  # 100 %: Sesuai
    with pytest.raises(ValidationError) as exc:
        simpan(world, hasil_kerja="di_atas")
    assert "alasan_hasil_kerja" in exc.value.message_dict
    assert not Penilaian.objects.exists()
    with pytest.raises(ValidationError) as exc:
        simpan(world, hasil_kerja="sesuai", perilaku="di_atas", finalkan=True)  # scores 2 suggest Sesuai
    assert list(exc.value.message_dict) == ["alasan_perilaku"]


@pytest.mark.django_db
def test_override_with_justification_is_kept_beside_the_suggestion(world):
    iki_dengan_capaian(world, world.pegawai, ("IKI-1", 10, 1, True))
    hasil = simpan(
        world, hasil_kerja="di_atas", alasan_hasil_kerja="Menangani lonjakan pemohon saat blangko habis.", finalkan=True
    )
    hasil.refresh_from_db()
    assert (hasil.hasil_kerja_saran, hasil.hasil_kerja) == ("sesuai", "di_atas")
    assert hasil.alasan_hasil_kerja == "Menangani lonjakan pemohon saat blangko habis."
    assert (hasil.perilaku_saran, hasil.perilaku, hasil.predikat) == ("sesuai", "sesuai", "baik")
    riwayat = hasil.history.first()
    assert (riwayat.hasil_kerja, riwayat.alasan_hasil_kerja, riwayat.history_user) == (
        "di_atas",
        "Menangani lonjakan pemohon saat blangko habis.",
        world.users["tim_evaluasi"],
    )


@pytest.mark.django_db
def test_confirming_the_suggestion_needs_no_justification_and_gives_the_predikat(world):
    iki_dengan_capaian(world, world.pegawai, ("IKI-1", 12, 2, True), ("IKI-2", 10, 1, True))  # 120 % and 100 %
    hasil = simpan(world, hasil_kerja="di_atas", perilaku_skor=skor(3), perilaku="di_atas", finalkan=True)
    assert (hasil.hasil_kerja_saran, hasil.perilaku_saran) == ("di_atas", "di_atas")
    assert hasil.predikat == "sangat_baik"
    assert hasil.status == Penilaian.Status.FINAL
    assert hasil.skor == D("113.3333")
    assert hasil.difinalkan_oleh == world.users["tim_evaluasi"]


@pytest.mark.django_db
def test_without_any_achievement_there_is_no_suggestion_and_the_basis_is_required(world):
    with pytest.raises(ValidationError) as exc:
        simpan(world, hasil_kerja="sesuai")
    assert "dasar rating hasil kerja" in exc.value.message_dict["alasan_hasil_kerja"][0]
    hasil = simpan(world, hasil_kerja="sesuai", alasan_hasil_kerja="Target baru ditetapkan bulan ini.")
    assert hasil.hasil_kerja_saran == ""


@pytest.mark.django_db
def test_a_draft_may_be_incomplete_but_finalising_needs_everything(world):
    draf = simpan(world, perilaku_skor={"akuntabel": 3}, perilaku="", umpan_balik="")
    assert draf.status == Penilaian.Status.DRAF
    assert (draf.akuntabel, draf.loyal, draf.perilaku_saran, draf.predikat) == (3, None, "", "")
    with pytest.raises(ValidationError) as exc:
        simpan(world, perilaku_skor={"akuntabel": 3}, perilaku="", umpan_balik="", finalkan=True)
    assert set(exc.value.message_dict) == {
        "berorientasi_pelayanan",
        "kompeten",
        "harmonis",
        "loyal",
        "adaptif",
        "kolaboratif",
        "hasil_kerja",
        "perilaku",
        "umpan_balik",
    }
    assert Penilaian.objects.get().status == Penilaian.Status.DRAF


@pytest.mark.django_db
def test_feedback_per_indicator_is_kept_with_the_achievement_it_was_written_against(world):
    ind = iki_dengan_capaian(world, world.pegawai, ("IKI-1", 8, 1, True))["IKI-1"]  # 80 %: below
    lain = make_indikator(world.opd, "IKI-X", pegawai=world.pegawai_lain)
    hasil = simpan(
        world,
        hasil_kerja="di_bawah",
        umpan_balik_indikator={ind.pk: "Perbaiki antrean.", lain.pk: "Bukan indikatornya."},
    )
    ub = UmpanBalikIndikator.objects.get()
    assert (ub.penilaian, ub.indikator, ub.isi, ub.capaian, ub.ekspektasi) == (
        hasil,
        ind,
        "Perbaiki antrean.",
        D("80.0000"),
        "di_bawah",
    )
    simpan(world, hasil_kerja="di_bawah", umpan_balik_indikator={ind.pk: ""})
    assert not UmpanBalikIndikator.objects.exists()


# -- final, reopened, acknowledged -----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_final_evaluation_is_read_only(world):
    simpan(world, hasil_kerja="sesuai", alasan_hasil_kerja="x", finalkan=True)
    with pytest.raises(ValidationError) as exc:
        simpan(world, hasil_kerja="di_atas", alasan_hasil_kerja="y")
    assert exc.value.code == "final"
    assert Penilaian.objects.get().hasil_kerja == "sesuai"


@pytest.mark.django_db
def test_a_stale_form_is_refused(world):
    simpan(world, hasil_kerja="sesuai", alasan_hasil_kerja="x")
    with pytest.raises(services.Kedaluwarsa):
        simpan(world, versi=0, hasil_kerja="di_bawah", alasan_hasil_kerja="y")
    assert Penilaian.objects.get().hasil_kerja == "sesuai"


@pytest.mark.django_db
def test_only_the_admin_instansi_reopens_with_a_recorded_reason(world):
    final = simpan(world, hasil_kerja="sesuai", alasan_hasil_kerja="x", finalkan=True)
    for peran in ("tim_evaluasi", "pimpinan_opd", "admin_bkn", "admin_lain", "asn"):
        with pytest.raises(PermissionDenied):
            services.penilaian_buka_ulang(actor=world.users[peran], penilaian=final, alasan="Salah")
    with pytest.raises(ValidationError):
        services.penilaian_buka_ulang(actor=world.users["admin_instansi"], penilaian=final, alasan="  ")
    services.penilaian_akui(actor=world.users["asn"], penilaian=final)
    pembukaan = services.penilaian_buka_ulang(
        actor=world.users["admin_instansi"], penilaian=final, alasan="Skor perilaku salah ketik."
    )
    assert (pembukaan.oleh, pembukaan.alasan, pembukaan.status_sebelumnya) == (
        world.users["admin_instansi"],
        "Skor perilaku salah ketik.",
        "diakui",
    )
    final.refresh_from_db()
    assert (final.status, final.diakui_pada) == (Penilaian.Status.DRAF, None)
    with pytest.raises(ValidationError):  # a draft is not reopened
        services.penilaian_buka_ulang(actor=world.users["admin_instansi"], penilaian=final, alasan="Lagi")
    ubah = simpan(world, hasil_kerja="di_bawah", alasan_hasil_kerja="Koreksi", finalkan=True)
    assert ubah.predikat == "butuh_perbaikan"
    assert PembukaanPenilaian.objects.count() == 1


@pytest.mark.django_db
def test_only_the_asn_acknowledges_and_only_a_final_evaluation(world):
    draf = simpan(world, hasil_kerja="sesuai", alasan_hasil_kerja="x")
    with pytest.raises(ValidationError):
        services.penilaian_akui(actor=world.users["asn"], penilaian=draf)
    final = simpan(world, hasil_kerja="sesuai", alasan_hasil_kerja="x", finalkan=True)
    with pytest.raises(PermissionDenied):
        services.penilaian_akui(actor=world.users["tim_evaluasi"], penilaian=final)
    diakui = services.penilaian_akui(actor=world.users["asn"], penilaian=final)
    assert diakui.status == Penilaian.Status.DIAKUI and diakui.diakui_pada is not None
    with pytest.raises(ValidationError):
        services.penilaian_akui(actor=world.users["asn"], penilaian=final)


# -- follow-up -----------------------------------------------------------------------------------------------------


def _sangat_baik(world):
    return simpan(
        world,
        hasil_kerja="di_atas",
        alasan_hasil_kerja="Kinerja melampaui target.",
        perilaku_skor=skor(3),
        perilaku="di_atas",
        finalkan=True,
    )


@pytest.mark.django_db
def test_sangat_baik_produces_a_reward_recommendation(world):
    final = _sangat_baik(world)
    penghargaan = Penghargaan.objects.get()
    assert (penghargaan.penilaian, penghargaan.pegawai, penghargaan.status) == (
        final,
        world.pegawai,
        Penghargaan.Status.DIREKOMENDASIKAN,
    )
    assert not RekomendasiPelatihan.objects.exists()


@pytest.mark.django_db
def test_the_admin_instansi_approves_with_a_code_and_the_pdf_renders_on_commit(
    world, django_capture_on_commit_callbacks
):
    _sangat_baik(world)
    penghargaan = Penghargaan.objects.get()
    for peran in ("tim_evaluasi", "admin_bkn", "admin_lain"):
        with pytest.raises(PermissionDenied):
            services.penghargaan_putuskan(actor=world.users[peran], penghargaan=penghargaan, setuju=True)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        hasil = services.penghargaan_putuskan(
            actor=world.users["admin_instansi"], penghargaan=penghargaan, setuju=True, bentuk="sertifikat_insentif"
        )
    assert len(callbacks) == 1
    hasil.refresh_from_db()
    assert hasil.status == Penghargaan.Status.DISETUJUI
    assert len(hasil.kode_verifikasi) == 20 and hasil.kode_tampil.count("-") == 4
    assert hasil.berkas.name.startswith(f"sertifikat/{world.instansi.pk}/") and hasil.berkas.name.endswith(".pdf")
    assert hasil.berkas.read(5) == b"%PDF-"
    with pytest.raises(ValidationError):
        services.penghargaan_putuskan(actor=world.users["admin_instansi"], penghargaan=hasil, setuju=False)


@pytest.mark.django_db
def test_declining_needs_a_reason_and_gives_no_code(world):
    _sangat_baik(world)
    penghargaan = Penghargaan.objects.get()
    with pytest.raises(ValidationError):
        services.penghargaan_putuskan(actor=world.users["admin_instansi"], penghargaan=penghargaan, setuju=False)
    hasil = services.penghargaan_putuskan(
        actor=world.users["admin_instansi"], penghargaan=penghargaan, setuju=False, catatan="Anggaran habis."
    )
    assert (hasil.status, hasil.kode_verifikasi, hasil.catatan) == (Penghargaan.Status.DITOLAK, None, "Anggaran habis.")


@pytest.mark.django_db
def test_incentive_only_has_no_certificate(world, django_capture_on_commit_callbacks):
    _sangat_baik(world)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        hasil = services.penghargaan_putuskan(
            actor=world.users["admin_instansi"], penghargaan=Penghargaan.objects.get(), setuju=True, bentuk="insentif"
        )
    assert callbacks == [] and hasil.kode_verifikasi is None and not hasil.berkas


@pytest.mark.django_db
def test_the_certificate_task_is_idempotent_and_runs_on_the_reports_queue(world):
    from kinerja.celery import app
    from penilaian.tasks import render_sertifikat

    _sangat_baik(world)
    penghargaan = services.penghargaan_putuskan(
        actor=world.users["admin_instansi"], penghargaan=Penghargaan.objects.get(), setuju=True
    )
    assert render_sertifikat.name == "kinerja.reports.sertifikat"
    assert app.amqp.router.route({}, render_sertifikat.name)["queue"].name == "reports"
    assert render_sertifikat(penghargaan_id=penghargaan.pk) is True
    penghargaan.refresh_from_db()
    nama = penghargaan.berkas.name
    assert render_sertifikat(penghargaan_id=penghargaan.pk) is False  # twice changes nothing
    assert render_sertifikat(penghargaan_id=0) is False  # gone: quietly nothing
    penghargaan.refresh_from_db()
    assert penghargaan.berkas.name == nama


@pytest.mark.django_db
def test_a_changed_predikat_after_reopening_cancels_the_reward_and_its_code(world):
    _sangat_baik(world)
    penghargaan = services.penghargaan_putuskan(
        actor=world.users["admin_instansi"], penghargaan=Penghargaan.objects.get(), setuju=True
    )
    assert penghargaan_dari_kode(penghargaan.kode_verifikasi) == penghargaan
    final = Penilaian.objects.get()
    services.penilaian_buka_ulang(actor=world.users["admin_instansi"], penilaian=final, alasan="Perilaku dikoreksi")
    assert penghargaan_dari_kode(penghargaan.kode_verifikasi) is None  # not verifiable while reopened
    simpan(world, hasil_kerja="di_atas", alasan_hasil_kerja="x", perilaku_skor=skor(2), finalkan=True)
    penghargaan.refresh_from_db()
    assert penghargaan.status == Penghargaan.Status.DIBATALKAN
    assert penghargaan_dari_kode(penghargaan.kode_verifikasi) is None
    # Sangat Baik again: a fresh recommendation to decide, the old code gone.
    services.penilaian_buka_ulang(actor=world.users["admin_instansi"], penilaian=final, alasan="Banding diterima")
    simpan(
        world, hasil_kerja="di_atas", alasan_hasil_kerja="x", perilaku_skor=skor(3), perilaku="di_atas", finalkan=True
    )
    penghargaan.refresh_from_db()
    assert (penghargaan.status, penghargaan.kode_verifikasi) == (Penghargaan.Status.DIREKOMENDASIKAN, None)


@pytest.mark.django_db
def test_butuh_perbaikan_produces_a_training_recommendation_naming_the_indicators_below(world):
    inds = iki_dengan_capaian(
        world, world.pegawai, ("IKI-1", 8, 2, True), ("IKI-2", 10, 1, True), ("IKI-3", 5, 1, False)
    )
    final = simpan(world, hasil_kerja="di_bawah", finalkan=True)
    assert final.predikat == "butuh_perbaikan"
    rekomendasi = RekomendasiPelatihan.objects.get()
    assert rekomendasi.penilaian == final
    assert sorted(rekomendasi.indikator.values_list("kode", flat=True)) == ["IKI-1", "IKI-3"]
    assert rekomendasi.aspek_perilaku == []
    assert inds["IKI-2"] not in rekomendasi.indikator.all()
    assert not Penghargaan.objects.exists()


@pytest.mark.django_db
def test_kurang_from_perilaku_names_the_values_scored_below(world):
    iki_dengan_capaian(world, world.pegawai, ("IKI-1", 10, 1, True), ("IKI-2", D("9.5"), 1, True))  # 100 %, 95 %
    final = simpan(
        world, hasil_kerja="sesuai", perilaku_skor=skor([1, 1, 1, 1, 2, 2, 2]), perilaku="di_bawah", finalkan=True
    )
    assert final.predikat == "kurang"
    rekomendasi = RekomendasiPelatihan.objects.get()
    # Nothing is below expectation, so the indicators under 100 % are named.
    assert list(rekomendasi.indikator.values_list("kode", flat=True)) == ["IKI-2"]
    assert rekomendasi.aspek_perilaku == ["berorientasi_pelayanan", "akuntabel", "kompeten", "harmonis"]
    assert rekomendasi.label_perilaku[0] == "Berorientasi Pelayanan"


@pytest.mark.django_db
def test_an_open_training_recommendation_is_cancelled_when_the_predikat_improves(world):
    simpan(world, hasil_kerja="di_bawah", alasan_hasil_kerja="x", finalkan=True)
    services.penilaian_buka_ulang(actor=world.users["admin_instansi"], penilaian=Penilaian.objects.get(), alasan="y")
    simpan(world, hasil_kerja="sesuai", alasan_hasil_kerja="x", finalkan=True)
    assert RekomendasiPelatihan.objects.get().status == RekomendasiPelatihan.Status.DIBATALKAN


# -- organisation predikat -----------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_admin_instansi_sets_the_organisation_predikat_against_the_score(world):
    SkorOpd.objects.create(opd=world.opd, instansi=world.instansi, tahun=TAHUN, triwulan=3, skor=D("92.5"))
    SkorOpd.objects.create(opd=world.opd, instansi=world.instansi, tahun=TAHUN, triwulan=4, skor=None)
    for peran in ("pimpinan_opd", "tim_evaluasi", "admin_bkn", "admin_lain"):
        with pytest.raises(PermissionDenied):
            services.predikat_opd_tetapkan(actor=world.users[peran], opd=world.opd, tahun=TAHUN, predikat="baik")
    hasil = services.predikat_opd_tetapkan(
        actor=world.users["admin_instansi"], opd=world.opd, tahun=TAHUN, predikat="butuh_perbaikan", catatan="IKM turun"
    )
    assert (hasil.predikat, hasil.predikat_saran, hasil.skor, hasil.triwulan_skor) == (
        "butuh_perbaikan",
        "baik",
        D("92.5"),
        3,
    )
    services.predikat_opd_tetapkan(actor=world.users["admin_instansi"], opd=world.opd, tahun=TAHUN, predikat="baik")
    assert PredikatOpd.objects.get().predikat == "baik"
    assert PredikatOpd.history.count() == 2


# -- training attendance -------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_registering_from_a_recommendation_relates_this_year_s_indicators_and_tracks_attendance(world):
    lama = make_indikator(world.opd, "IKI-KTP", pegawai=world.pegawai)  # 2026, below
    verified(lama, 1, 5)
    recalculate(instansi_id=world.instansi.pk, tahun=TAHUN)
    simpan(world, hasil_kerja="di_bawah", finalkan=True)
    rekomendasi = RekomendasiPelatihan.objects.get()
    baru = make_indikator(world.opd, "IKI-KTP-2027", pegawai=world.pegawai)
    Indikator.objects.filter(pk=baru.pk).update(tahun=TAHUN + 1, kode="IKI-KTP")
    pelatihan = Pelatihan.objects.create(
        instansi=world.instansi,
        topik="Pelayanan prima",
        tanggal_mulai=datetime.date(TAHUN + 1, 4, 22),
        tanggal_selesai=datetime.date(TAHUN + 1, 4, 24),
        penyelenggara="BKPSDM",
    )
    with pytest.raises(PermissionDenied):
        services.peserta_tambah(actor=world.users["tim_evaluasi"], pelatihan=pelatihan, pegawai=world.pegawai)
    with pytest.raises(ValidationError):
        services.peserta_tambah(
            actor=world.users["admin_instansi"],
            pelatihan=pelatihan,
            pegawai=world.pegawai_lain,
            rekomendasi=rekomendasi,
        )
    with pytest.raises(ValidationError):
        services.peserta_tambah(
            actor=world.users["admin_instansi"], pelatihan=pelatihan, pegawai=world.pegawai_instansi_lain
        )
    peserta = services.peserta_tambah(
        actor=world.users["admin_instansi"], pelatihan=pelatihan, pegawai=world.pegawai, rekomendasi=rekomendasi
    )
    assert list(peserta.indikator.all()) == [baru]
    rekomendasi.refresh_from_db()
    assert rekomendasi.status == RekomendasiPelatihan.Status.DIJADWALKAN
    asing = make_indikator(world.opd, "IKI-Y", pegawai=world.pegawai_lain)
    services.peserta_ubah(
        actor=world.users["admin_instansi"], peserta=peserta, kehadiran="hadir", indikator_ids=[lama.pk, asing.pk]
    )
    peserta.refresh_from_db()
    assert peserta.kehadiran == PesertaPelatihan.Kehadiran.HADIR
    assert list(peserta.indikator.all()) == [lama]  # another ASN's indicator is ignored
    rekomendasi.refresh_from_db()
    assert rekomendasi.status == RekomendasiPelatihan.Status.SELESAI
    with pytest.raises(ValidationError):
        services.peserta_tambah(actor=world.users["admin_instansi"], pelatihan=pelatihan, pegawai=world.pegawai)


# -- work plans ----------------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_asn_drafts_and_submits_and_the_evaluator_approves_or_returns(world):
    a = make_indikator(world.opd, "IKI-1", pegawai=world.pegawai)
    b = make_indikator(world.opd, "IKI-2", pegawai=world.pegawai)
    asn, tim = world.users["asn"], world.users["tim_evaluasi"]
    with pytest.raises(PermissionDenied):
        services.rencana_simpan(actor=tim, pegawai=world.pegawai, tahun=TAHUN, triwulan=3, versi=0, aksi={})
    draf = services.rencana_simpan(
        actor=asn, pegawai=world.pegawai, tahun=TAHUN, triwulan=3, versi=0, aksi={a.pk: ("Antrean bernomor", "Juli")}
    )
    assert draf.status == RencanaKerja.Status.DRAF
    with pytest.raises(ValidationError) as exc:
        services.rencana_simpan(
            actor=asn,
            pegawai=world.pegawai,
            tahun=TAHUN,
            triwulan=3,
            versi=draf.versi,
            aksi={a.pk: ("x", "")},
            ajukan=True,
        )
    assert "IKI-2" in exc.value.messages[0]
    with pytest.raises(services.Kedaluwarsa):
        services.rencana_simpan(actor=asn, pegawai=world.pegawai, tahun=TAHUN, triwulan=3, versi=0, aksi={})
    diajukan = services.rencana_simpan(
        actor=asn,
        pegawai=world.pegawai,
        tahun=TAHUN,
        triwulan=3,
        versi=draf.versi,
        aksi={a.pk: ("Antrean bernomor", "Juli"), b.pk: ("Jemput bola", "Agustus")},
        ajukan=True,
    )
    assert diajukan.status == RencanaKerja.Status.DIAJUKAN
    assert sorted(diajukan.aksi_set.values_list("aksi", flat=True)) == ["Antrean bernomor", "Jemput bola"]
    with pytest.raises(ValidationError):
        services.rencana_simpan(
            actor=asn, pegawai=world.pegawai, tahun=TAHUN, triwulan=3, versi=diajukan.versi, aksi={}
        )
    with pytest.raises(PermissionDenied):
        services.rencana_putuskan(actor=asn, rencana=diajukan, versi=diajukan.versi, setuju=True)
    with pytest.raises(PermissionDenied):
        services.rencana_putuskan(
            actor=world.users["pimpinan_opd"], rencana=diajukan, versi=diajukan.versi, setuju=True
        )
    with pytest.raises(ValidationError):
        services.rencana_putuskan(actor=tim, rencana=diajukan, versi=diajukan.versi, setuju=False, catatan="")
    kembali = services.rencana_putuskan(
        actor=tim, rencana=diajukan, versi=diajukan.versi, setuju=False, catatan="Tambahkan target mingguan."
    )
    assert (kembali.status, kembali.catatan_atasan) == (RencanaKerja.Status.DIKEMBALIKAN, "Tambahkan target mingguan.")
    lagi = services.rencana_simpan(
        actor=asn,
        pegawai=world.pegawai,
        tahun=TAHUN,
        triwulan=3,
        versi=kembali.versi,
        aksi={a.pk: ("Antrean bernomor; 60 pemohon per hari", "Juli"), b.pk: ("Jemput bola", "Agustus")},
        ajukan=True,
    )
    setuju = services.rencana_putuskan(actor=tim, rencana=lagi, versi=lagi.versi, setuju=True)
    assert setuju.status == RencanaKerja.Status.DISETUJUI and setuju.diputuskan_oleh == tim
    assert RencanaKerja.history.filter(status="dikembalikan").exists()


@pytest.mark.django_db
def test_the_instansi_s_own_thresholds_decide_the_organisation_suggestion(client, world):
    from penilaian.models import AturanPenilaian

    SkorOpd.objects.create(opd=world.opd, instansi=world.instansi, tahun=TAHUN, triwulan=4, skor=D("95"))
    hasil = services.predikat_opd_tetapkan(
        actor=world.users["admin_instansi"], opd=world.opd, tahun=TAHUN, predikat="baik"
    )
    assert hasil.predikat_saran == "baik"
    aturan = AturanPenilaian.objects.create(
        instansi=world.instansi,
        batas_istimewa=D(120),
        batas_baik=D(96),
        batas_butuh_perbaikan=D(80),
        batas_kurang=D(60),
    )
    hasil = services.predikat_opd_tetapkan(
        actor=world.users["admin_instansi"], opd=world.opd, tahun=TAHUN, predikat="baik"
    )
    assert hasil.predikat_saran == "butuh_perbaikan"
    # The Admin Instansi keeps them in the admin, and sees only their own instansi's row.
    AturanPenilaian.objects.create(instansi=world.instansi_lain)
    client.force_login(world.users["admin_instansi"])
    response = client.get("/admin/penilaian/aturanpenilaian/")
    assert response.status_code == 200
    assert list(response.context["cl"].queryset) == [aturan]


@pytest.mark.django_db
def test_the_thresholds_admin_pages_of_evaluasi_lead_to_penilaian(client, world):
    # AturanPenilaian moved from evaluasi to penilaian, and its admin address with the app label.
    client.force_login(world.users["admin_instansi"])
    lama = client.get("/admin/evaluasi/aturanpenilaian/?q=kupang")
    assert (lama.status_code, lama["Location"]) == (301, "/admin/penilaian/aturanpenilaian/?q=kupang")
    assert (
        client.get("/admin/evaluasi/aturanpenilaian/7/change/")["Location"]
        == "/admin/penilaian/aturanpenilaian/7/change/"
    )
    assert client.get("/admin/evaluasi/")["Location"] == "/admin/penilaian/"

"""The demo data of demo/20-indikator.yaml: idempotent, consistent with domain.md, and showing every state."""

from decimal import Decimal

import pytest
from django.apps import apps
from django.db import transaction

from evaluasi.models import CapaianTriwulan, Realisasi
from indikator.capaian import Polaritas, StatusCapaian, hitung_capaian
from indikator.models import Indikator, PembukaanUlang, Periode
from indikator.services import hari_ini_instansi
from laporan.sampel import baca, muat
from opd.models import Instansi, Pegawai

# Each demo instansi and the login of its Admin Instansi (demo/10-organisasi.yaml).
ADMIN = {
    a["instansi"]: a["username"]
    for berkas in baca(hanya=["organisasi"])
    for a in berkas.isi["akun"]
    if a.get("peran") == "admin_instansi"
}

MODELS = [
    "indikator.Periode",
    "indikator.PembukaanUlang",
    "indikator.Indikator",
    "indikator.TargetTriwulan",
    "evaluasi.Realisasi",
    "evaluasi.CapaianTriwulan",
    "evaluasi.SkorPegawai",
    "evaluasi.SkorOpd",
    "evaluasi.SkorInstansi",
]


def _seed() -> None:
    muat(hanya=["organisasi", "indikator"])


def _counts() -> dict[str, int]:
    counts = {}
    for name in MODELS:
        model = apps.get_model(name)
        counts[name] = model.objects.count()
        if hasattr(model, "history"):
            counts[f"{name} (riwayat)"] = model.history.count()
    return counts


@pytest.fixture(scope="module")
def _seeded_once(django_db_setup, django_db_blocker):
    """Seed once for the module inside a transaction that is rolled back at the end; each test's own transaction
    (the `db` fixture) nests in it as a savepoint, so a test's changes never leak into the next one."""
    with django_db_blocker.unblock(), transaction.atomic():
        _seed()
        yield
        transaction.set_rollback(True)


@pytest.fixture
def seeded(_seeded_once, db):
    return None


def _tahun(kode: str) -> int:
    return hari_ini_instansi(Instansi.objects.get(kode=kode)).year


def test_seed_twice_is_stable(seeded):
    before = _counts()
    assert before["indikator.Indikator"] > 0 and before["evaluasi.Realisasi"] > 0
    _seed()
    assert _counts() == before


def test_ktp_tw1_achievement_follows_domain_formula(seeded):
    ktp = Indikator.objects.get(
        opd__instansi__kode="kota-kupang",
        opd__kode="DUKCAPIL",
        jenis=Indikator.Jenis.IKU,
        kode="IKU-DUKCAPIL-01",
        tahun=_tahun("kota-kupang"),
    )
    assert (ktp.polaritas, ktp.agregasi, ktp.satuan) == ("minimize", "average", "hari")
    cap = CapaianTriwulan.objects.get(indikator=ktp, triwulan=1)
    r = Realisasi.objects.get(indikator=ktp, triwulan=1)
    assert r.status == Realisasi.Status.DIVERIFIKASI
    assert (cap.realisasi, cap.target_bawah) == (Decimal("7"), Decimal("5"))
    # domain.md, minimize with a single target: (2T − R) / T × 100
    t, rr = cap.target_bawah, cap.realisasi
    expected = (2 * t - rr) / t * 100
    assert expected == Decimal(60)
    assert cap.status == StatusCapaian.OK
    assert cap.capaian_triwulan == expected
    assert cap.capaian_raw == expected  # to date at TW I is TW I alone
    assert cap.capaian == expected  # under the 120 % cap


def test_sum_indicators_quarterly_targets_add_up(seeded):
    daftar = Indikator.objects.filter(agregasi="sum", opd__instansi__kode__in=ADMIN).prefetch_related("target_triwulan")
    assert daftar.exists()
    for ind in daftar:
        targets = list(ind.target_triwulan.all())
        assert len(targets) == 4, ind
        assert sum(t.target_bawah for t in targets) == ind.target_bawah, ind


def test_every_indicator_has_four_targets_and_last_quarter_matches_annual_for_last(seeded):
    for ind in Indikator.objects.filter(opd__instansi__kode__in=ADMIN).prefetch_related("target_triwulan"):
        targets = {t.triwulan: t for t in ind.target_triwulan.all()}
        assert set(targets) == {1, 2, 3, 4}, ind
        if ind.agregasi == "last":
            assert (targets[4].target_bawah, targets[4].target_atas) == (ind.target_bawah, ind.target_atas), ind


def test_realisations_in_every_state(seeded):
    statuses = set(Realisasi.objects.values_list("status", flat=True))
    assert statuses == set(Realisasi.Status.values)
    dikembalikan = Realisasi.objects.get(status=Realisasi.Status.DIKEMBALIKAN)
    assert dikembalikan.alasan_pengembalian
    assert all(r.versi == 1 for r in Realisasi.objects.all())
    # Some TW III values exist as drafts and some are not entered at all.
    assert Realisasi.objects.filter(triwulan=3, status=Realisasi.Status.DRAF).exists()
    assert Indikator.objects.exclude(realisasi_set__triwulan=3).exists()


def test_submitted_values_meet_the_workflow_rules(seeded):
    for r in Realisasi.objects.exclude(status=Realisasi.Status.DRAF).select_related("indikator"):
        assert r.bukti_teks or r.bukti_tautan, r
        assert r.diajukan_pada is not None, r
        if r.status == Realisasi.Status.DIVERIFIKASI:
            assert r.diverifikasi_oleh_id and r.diverifikasi_pada, r
        target = r.indikator.target_triwulan.get(triwulan=r.triwulan)
        capaian = hitung_capaian(
            polaritas=Polaritas(r.indikator.polaritas),
            realisasi=r.nilai,
            target_bawah=target.target_bawah,
            target_atas=target.target_atas,
        )
        if capaian.raw is not None and capaian.raw < 100:
            assert r.kendala and r.solusi, r
        assert r.history.filter(history_user__isnull=False).exists(), r


def test_a_period_is_open_today_in_each_demo_instansi(seeded):
    for kode, admin in ADMIN.items():
        instansi = Instansi.objects.get(kode=kode)
        hari_ini = hari_ini_instansi(instansi)
        periode = Periode.objects.filter(instansi=instansi, tahun=hari_ini.year)
        assert periode.count() == 4
        assert any(p.status_pada(hari_ini) == Periode.Status.TERBUKA for p in periode), kode
        for pembukaan in PembukaanUlang.objects.filter(periode__instansi=instansi):
            assert pembukaan.oleh.username == admin
            assert pembukaan.alasan.startswith("Perpanjangan pengisian untuk demo")
            assert pembukaan.periode.ditutup == pembukaan.ditutup_baru


def test_demo_asn_has_cascaded_iki(seeded):
    pegawai = Pegawai.objects.get(user__username="asn.dukcapil")
    iki = Indikator.objects.filter(pegawai=pegawai, jenis=Indikator.Jenis.IKI, tahun=_tahun("kota-kupang"))
    assert {i.nama for i in iki} >= {"Jumlah KTP-el dicetak", "Waktu rata-rata perekaman KTP-el per pemohon"}
    for ind in iki:
        assert ind.induk is not None, ind
        ind.full_clean()  # the cascade rules of the model hold (IKU of the OPD or the superior's IKI)
    assert any(i.induk.kode == "IKU-DUKCAPIL-01" for i in iki)


def test_demo_dukcapil_iku_carry_a_verified_budget_for_the_efficiency_figures(seeded):
    from laporan.data import capaian_triwulan_opd

    ktp = Realisasi.objects.get(indikator__kode="IKU-DUKCAPIL-01", triwulan=1)
    assert (ktp.pagu, ktp.serapan, ktp.status) == (Decimal("185000000"), Decimal("176500000"), "diverifikasi")
    data = capaian_triwulan_opd(opd=ktp.indikator.opd, tahun=ktp.indikator.tahun, triwulan=2)
    assert [i.kode for i in data.beranggaran] == ["IKU-DUKCAPIL-01", "IKU-DUKCAPIL-02", "IKU-DUKCAPIL-03"]
    # 210 + 120 + 150 million, 158,25 + 102,6 + 127,5 million absorbed: 80,91 %.
    assert data.efisiensi.persen_serapan == Decimal("80.91")
    assert data.efisiensi.efisiensi is not None

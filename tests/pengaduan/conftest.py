"""Complaint fixtures: complaints filed and moved through the real services (the clock is tests/conftest.py's `jam`)."""

import pytest
from django.core.cache import cache

from pengaduan import services, services_pelapor


@pytest.fixture(autouse=True)
def _cache_kosong():
    """Rate-limit counters live in the cache: each test starts with none."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def ajukan(world):
    """File a complaint through the service; returns (complaint, tracking code)."""

    def _ajukan(**kwargs):
        data = {
            "instansi": world.instansi,
            "kategori": "adminduk",
            "judul": "KTP-el belum jadi setelah sebulan",
            "isi": "Saya merekam KTP-el bulan lalu dan sampai sekarang belum dicetak.",
            "nama_pelapor": "Maria Ndun",
            "kontak_pelapor": "0812-3456-7890",
            "opd_usulan": world.opd,
        }
        data.update(kwargs)
        return services_pelapor.pengaduan_file(**data)

    return _ajukan


@pytest.fixture
def petugas(world):
    return world.users["petugas_pengaduan"]


@pytest.fixture
def tim(world):
    return world.users["tim_evaluasi"]


@pytest.fixture
def sampai(petugas, tim, world):
    """Move a complaint through the workflow up to a state, each step by its real actor."""

    def _sampai(pengaduan, status, opd=None):
        S = services.S
        urutan = [S.DIVERIFIKASI, S.DIDISPOSISIKAN, S.DITINDAKLANJUTI, S.SELESAI]
        for langkah in urutan[: urutan.index(status) + 1]:
            pengaduan.refresh_from_db()
            versi = pengaduan.versi
            if langkah == S.DIVERIFIKASI:
                pengaduan = services.pengaduan_verify(actor=petugas, pengaduan=pengaduan, versi=versi)
            elif langkah == S.DIDISPOSISIKAN:
                pengaduan = services.pengaduan_route(
                    actor=petugas, pengaduan=pengaduan, versi=versi, opd=opd or world.opd
                )
            elif langkah == S.DITINDAKLANJUTI:
                pengaduan = services.pengaduan_respond(
                    actor=tim, pengaduan=pengaduan, versi=versi, tanggapan="Sedang kami periksa di loket."
                )
            else:
                pengaduan = services.pengaduan_answer(
                    actor=tim, pengaduan=pengaduan, versi=versi, jawaban="KTP-el Anda sudah dicetak."
                )
        return pengaduan

    return _sampai

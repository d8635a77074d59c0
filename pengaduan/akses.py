"""Who may do what with complaints. Pure checks on a user's Lingkup (opd.lingkup); no queries."""

from opd.lingkup import Lingkup

from .models import Pengaduan


def petugas(lingkup: Lingkup, instansi_id: int) -> bool:
    """The Petugas Pengaduan of the instansi verifies, rejects, holds and routes its complaints."""
    return lingkup.superuser or instansi_id in lingkup.petugas_instansi


def tim_opd(lingkup: Lingkup, opd_id: int | None) -> bool:
    """The OPD's Tim Evaluasi and Pimpinan answer the complaints routed to it."""
    return opd_id is not None and (lingkup.superuser or opd_id in lingkup.tim_opd | lingkup.pimpinan_opd)


def pembaca_instansi(lingkup: Lingkup) -> frozenset[int]:
    """Instansi whose every complaint the user may read: Petugas, Admin Instansi, Admin BKN."""
    return lingkup.petugas_instansi | lingkup.admin_instansi | lingkup.bkn_instansi


def boleh_lihat_pelapor(lingkup: Lingkup, pengaduan: Pengaduan) -> bool:
    """Whether this user may see who filed the complaint (name, contact, the file names of their attachments).

    Never the ASN the complaint names. The Petugas who verifies it always may; anyone else (the OPD, the admins)
    only when the reporter is not anonim."""
    if lingkup.pegawai_id is not None and pengaduan.pegawai_terlapor_id == lingkup.pegawai_id:
        return False
    if petugas(lingkup, pengaduan.instansi_id):
        return True
    return not pengaduan.anonim

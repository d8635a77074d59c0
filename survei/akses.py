"""Who may do what with the survey's services. Pure checks on a user's Lingkup (opd.lingkup); no queries."""

from opd.lingkup import Lingkup


def boleh_kelola_layanan(lingkup: Lingkup, opd_id: int, instansi_id: int) -> bool:
    """An OPD's services are kept by its own team (Tim Evaluasi and Pimpinan) and by the Admin Instansi."""
    if lingkup.superuser or opd_id in lingkup.tim_opd | lingkup.pimpinan_opd:
        return True
    return lingkup.is_admin_instansi(instansi_id)

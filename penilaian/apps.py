from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PenilaianConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "penilaian"
    verbose_name = _("Penilaian")

    def ready(self) -> None:
        from opd import audit
        from opd.models import JenisAudit

        from .models import AturanPenilaian, Keberatan, Penilaian, PerubahanKalibrasi, PredikatOpd, SesiKalibrasi

        audit.pantau(Penilaian, jenis=JenisAudit.PENILAIAN, teks=_teks_penilaian)
        audit.pantau(PredikatOpd, jenis=JenisAudit.PENILAIAN, teks=_teks_predikat)
        # Objections and calibration change predikat: the same kind of entry as the evaluation itself.
        audit.pantau(Keberatan, jenis=JenisAudit.PENILAIAN, teks=_teks_keberatan)
        audit.pantau(SesiKalibrasi, jenis=JenisAudit.PENILAIAN, teks=_teks_sesi)
        audit.pantau(PerubahanKalibrasi, jenis=JenisAudit.PENILAIAN, instansi="sesi__instansi", teks=_teks_perubahan)
        # The instansi's own thresholds of the organisation predikat.
        audit.pantau(AturanPenilaian, jenis=JenisAudit.KONFIGURASI, teks=lambda a: "aturan predikat organisasi")


def _teks_penilaian(penilaian) -> str:
    from opd.audit import terisi

    pegawai = terisi(penilaian, "pegawai")
    return f"{pegawai.nip if pegawai else f'#{penilaian.pegawai_id}'} {penilaian.kode_periode} {penilaian.tahun}"


def _teks_predikat(predikat) -> str:
    from opd.audit import terisi

    opd = terisi(predikat, "opd")
    return f"{opd.kode if opd else f'#{predikat.opd_id}'} {predikat.tahun}"


def _teks_keberatan(keberatan) -> str:
    return f"keberatan #{keberatan.pk or '-'} penilaian #{keberatan.penilaian_id}"


def _teks_sesi(sesi) -> str:
    from opd.audit import terisi

    opd = terisi(sesi, "opd")
    return f"kalibrasi {opd.kode if opd else f'#{sesi.opd_id}'} {sesi.kode_periode} {sesi.tahun}"


def _teks_perubahan(perubahan) -> str:
    return f"kalibrasi #{perubahan.sesi_id} penilaian #{perubahan.penilaian_id}"

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PenilaianConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "penilaian"
    verbose_name = _("Penilaian")

    def ready(self) -> None:
        from opd import audit
        from opd.models import JenisAudit

        from .models import AturanPenilaian, Penilaian, PredikatOpd

        audit.pantau(Penilaian, jenis=JenisAudit.PENILAIAN, teks=_teks_penilaian)
        audit.pantau(PredikatOpd, jenis=JenisAudit.PENILAIAN, teks=_teks_predikat)
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

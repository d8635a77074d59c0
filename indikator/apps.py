from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IndikatorConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "indikator"
    verbose_name = _("Indikator dan capaian")

    def ready(self) -> None:
        from opd import audit
        from opd.models import JenisAudit

        from .models import ROMAWI, Indikator, Periode, TargetTriwulan

        audit.pantau(Indikator, jenis=JenisAudit.TARGET, teks=lambda i: f"{i.kode} {i.tahun}")
        audit.pantau(TargetTriwulan, jenis=JenisAudit.TARGET, instansi="indikator__instansi", teks=_teks_target)
        # Periods and their entry windows are the instansi's configuration.
        audit.pantau(Periode, jenis=JenisAudit.KONFIGURASI, teks=lambda p: f"TW {ROMAWI[p.triwulan]} {p.tahun}")


def _teks_target(target) -> str:
    from opd.audit import terisi

    indikator = terisi(target, "indikator")
    nama = f"{indikator.kode} {indikator.tahun}" if indikator else f"#{target.indikator_id}"
    return f"{nama} TW {target.triwulan}"

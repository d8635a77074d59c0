from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvaluasiConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "evaluasi"
    verbose_name = _("Realisasi dan evaluasi")

    def ready(self) -> None:
        from opd import audit
        from opd.models import JenisAudit

        from . import signals  # noqa: F401
        from .models import Realisasi

        audit.pantau(
            Realisasi,
            jenis=JenisAudit.REALISASI,
            instansi="indikator__instansi",
            teks=_teks_realisasi,
            abaikan=["diubah_oleh"],
        )


def _teks_realisasi(realisasi) -> str:
    from opd.audit import terisi

    indikator = terisi(realisasi, "indikator")
    nama = f"{indikator.kode} {indikator.tahun}" if indikator else f"#{realisasi.indikator_id}"
    return f"{nama} TW {realisasi.triwulan}"

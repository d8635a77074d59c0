"""Admin for evaluation housekeeping: an instansi's thresholds of the organisation predikat, its objection period and
how its heads of OPD's hasil kerja follows the organisation predikat (domain.md: configurable, the defaults ship). Each Admin Instansi sees and changes only their instansi's row; Admin BKN
only reads."""

from django.contrib import admin

from opd.admin import ScopedAdmin

from .models import AturanPenilaian


@admin.register(AturanPenilaian)
class AturanPenilaianAdmin(ScopedAdmin):
    list_display = [
        "instansi",
        "batas_istimewa",
        "batas_baik",
        "batas_butuh_perbaikan",
        "batas_kurang",
        "hari_keberatan",
    ]
    list_select_related = ["instansi"]

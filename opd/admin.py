"""Admin for housekeeping. Each Admin Instansi sees and changes only their instansi; Admin BKN only reads."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .lingkup import get_lingkup
from .models import CatatanAudit, Instansi, Opd, Pegawai, PeranPengguna, UnitKerja


class ScopedAdmin(SimpleHistoryAdmin):
    instansi_path = "instansi"

    def get_queryset(self, request):
        qs = super().get_queryset(request)
        lingkup = get_lingkup(request.user)
        if lingkup.superuser:
            return qs
        field = "id" if self.instansi_path == "" else f"{self.instansi_path}_id"
        return qs.filter(**{f"{field}__in": lingkup.admin_instansi | lingkup.bkn_instansi})

    def _can_change(self, request) -> bool:
        lingkup = get_lingkup(request.user)
        return lingkup.superuser or bool(lingkup.admin_instansi)

    def has_view_permission(self, request, obj=None) -> bool:
        return request.user.is_active and request.user.is_staff

    def has_module_permission(self, request) -> bool:
        return self.has_view_permission(request)

    def has_add_permission(self, request) -> bool:
        return self._can_change(request)

    def has_change_permission(self, request, obj=None) -> bool:
        return self._can_change(request)

    def has_delete_permission(self, request, obj=None) -> bool:
        return get_lingkup(request.user).superuser

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        lingkup = get_lingkup(request.user)
        if not lingkup.superuser:
            allowed = lingkup.admin_instansi
            related = db_field.related_model
            if related is Instansi:
                kwargs["queryset"] = Instansi.objects.filter(id__in=allowed)
            elif related is Opd:
                kwargs["queryset"] = Opd.objects.filter(instansi_id__in=allowed)
            elif related is Pegawai:
                kwargs["queryset"] = Pegawai.objects.filter(opd__instansi_id__in=allowed)
            elif related is UnitKerja:
                kwargs["queryset"] = UnitKerja.objects.filter(opd__instansi_id__in=allowed)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Instansi)
class InstansiAdmin(ScopedAdmin):
    instansi_path = ""
    list_display = ["nama", "jenis", "zona_waktu", "batas_capaian"]
    search_fields = ["nama", "kode"]

    def has_add_permission(self, request) -> bool:
        return get_lingkup(request.user).superuser


@admin.register(Opd)
class OpdAdmin(ScopedAdmin):
    list_display = ["nama", "kode", "jenis", "instansi"]
    list_filter = ["instansi", "jenis"]
    search_fields = ["nama", "kode", "singkatan"]
    list_select_related = ["instansi"]
    raw_id_fields = ["kepala"]


@admin.register(UnitKerja)
class UnitKerjaAdmin(ScopedAdmin):
    instansi_path = "opd__instansi"
    list_display = ["nama", "kode", "opd", "induk"]
    list_filter = ["opd__instansi"]
    search_fields = ["nama", "kode"]
    list_select_related = ["opd", "induk"]


@admin.register(Pegawai)
class PegawaiAdmin(ScopedAdmin):
    instansi_path = "opd__instansi"
    list_display = ["nama", "nip", "status", "golongan", "jabatan", "opd", "aktif"]
    list_filter = ["status", "jenis_jabatan", "aktif", "opd__instansi"]
    search_fields = ["nama", "nip", "jabatan"]
    list_select_related = ["opd"]
    raw_id_fields = ["atasan", "user", "unit"]


@admin.register(PeranPengguna)
class PeranPenggunaAdmin(ScopedAdmin):
    list_display = ["user", "peran", "instansi", "opd"]
    list_filter = ["peran", "instansi"]
    search_fields = ["user__username"]
    list_select_related = ["user", "instansi", "opd"]
    raw_id_fields = ["user"]


@admin.register(CatatanAudit)
class CatatanAuditAdmin(admin.ModelAdmin):
    """The audit log, read-only for everyone, superusers included: entries are never added, changed or deleted by
    hand."""

    list_display = ["waktu", "instansi", "username", "jenis", "aksi", "content_type", "objek_id", "objek_teks"]
    list_filter = ["jenis"]
    search_fields = ["username", "objek_teks"]
    list_select_related = ["instansi", "content_type"]
    date_hierarchy = "waktu"
    show_full_result_count = False

    def get_queryset(self, request):
        qs = super().get_queryset(request)
        lingkup = get_lingkup(request.user)
        if lingkup.superuser:
            return qs
        return qs.filter(instansi_id__in=lingkup.admin_instansi | lingkup.bkn_instansi)

    def has_view_permission(self, request, obj=None) -> bool:
        return request.user.is_active and request.user.is_staff

    def has_module_permission(self, request) -> bool:
        return self.has_view_permission(request)

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

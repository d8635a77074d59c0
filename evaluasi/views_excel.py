"""Excel round trip of the realisation grid: download the quarter's grid, upload it filled in."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from indikator.models import ROMAWI
from opd import selectors as opd_selectors
from opd.lingkup import get_lingkup
from opd.masukan import angka

from . import excel, selectors
from .views import _triwulan_valid


class UnggahExcelForm(forms.Form):
    berkas = forms.FileField(
        label=gettext_lazy("Berkas Excel (.xlsx)"),
        help_text=gettext_lazy("Berkas yang diunduh dari halaman ini lalu diisi, paling besar 5 MB."),
        error_messages={
            "required": gettext_lazy("Pilih berkas Excel yang akan diunggah."),
            "empty": gettext_lazy("Berkas yang diunggah kosong."),
            "invalid": gettext_lazy("Tidak ada berkas yang diunggah: periksa jenis isian formulir."),
            "missing": gettext_lazy("Tidak ada berkas yang diunggah."),
        },
        widget=forms.FileInput(attrs={"accept": f".xlsx,{excel.JENIS_KONTEN}"}),
    )

    def clean_berkas(self):
        berkas = self.cleaned_data["berkas"]
        if berkas.size > excel.UKURAN_MAKS:
            raise forms.ValidationError(_("Berkas terlalu besar: paling besar 5 MB."), code="terlalu_besar")
        return berkas


def _unit_id(request) -> int | None:
    unit_id = request.GET.get("unit")
    return angka(unit_id)


@login_required
@require_GET
def grid_excel(request, opd_pk: int, tahun: int, triwulan: int):
    """The grid as .xlsx, for everyone who may read it (optionally one unit's lines, as on the grid)."""
    _triwulan_valid(tahun, triwulan)
    opd = opd_selectors.opd_get_for_user(user=request.user, pk=opd_pk)
    rows = selectors.grid_rows(opd=opd, tahun=tahun, triwulan=triwulan, unit_id=_unit_id(request))
    data = excel.grid_xlsx(opd=opd, tahun=tahun, triwulan=triwulan, rows=rows)
    response = HttpResponse(data, content_type=excel.JENIS_KONTEN)
    nama = excel.nama_berkas(opd=opd, tahun=tahun, triwulan=triwulan)
    response["Content-Disposition"] = f'attachment; filename="{nama}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@require_http_methods(["GET", "POST"])
def grid_excel_unggah(request, opd_pk: int, tahun: int, triwulan: int):
    """Upload the filled-in workbook: a report of every wrong row (nothing saved) or of every change made."""
    _triwulan_valid(tahun, triwulan)
    opd = opd_selectors.opd_get_for_user(user=request.user, pk=opd_pk)
    if not get_lingkup(request.user).can_enter_realisasi(opd.pk, opd.instansi_id):
        raise PermissionDenied
    hasil, status = None, 200
    if request.method == "POST":
        form = UnggahExcelForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                hasil = excel.realisasi_unggah(
                    actor=request.user, opd=opd, tahun=tahun, triwulan=triwulan, berkas=form.cleaned_data["berkas"]
                )
            except excel.BerkasTidakValid as exc:
                form.add_error("berkas", str(exc))
        if not form.is_valid() or (hasil and not hasil.berhasil):
            status = 422
        elif hasil is not None:
            if hasil.perubahan:
                messages.success(
                    request,
                    _("Unggahan diterapkan: %(diubah)d indikator diubah, %(sama)d tanpa perubahan.")
                    % {"diubah": len(hasil.perubahan), "sama": hasil.tidak_berubah},
                )
            else:
                messages.info(request, _("Tidak ada perubahan: isi berkas sama dengan data yang tersimpan."))
            form = UnggahExcelForm()
    else:
        form = UnggahExcelForm()
    return render(
        request,
        "evaluasi/grid_excel.html",
        {
            "opd": opd,
            "tahun": tahun,
            "triwulan": triwulan,
            "triwulan_romawi": ROMAWI[triwulan],
            "form": form,
            "hasil": hasil,
            "url_unduh": reverse("evaluasi:grid_excel", args=[opd.pk, tahun, triwulan]),
        },
        status=status,
    )

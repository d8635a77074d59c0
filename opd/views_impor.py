"""Staff import by the Admin Instansi: upload a CSV/Excel file, see every wrong row, or have all rows saved."""

import csv
import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from . import impor
from .forms import PegawaiImportForm
from .lingkup import get_lingkup

# One example row for the template. The kode_opd is a placeholder on purpose: uploading the template unchanged
# is refused ("no OPD with that kode") instead of adding a made-up person.
CONTOH = {
    "nip": "198702152010012001",
    "nama": "Maria Yosefa Ndun",
    "gelar_depan": "",
    "gelar_belakang": "S.Kom.",
    "status": "PNS",
    "golongan": "III/b",
    "jabatan": "Pranata Komputer Ahli Pertama",
    "jenis_jabatan": "fungsional",
    "kode_opd": "KODE-OPD",
    "kode_unit": "",
    "nip_atasan": "",
    "aktif": "ya",
    "siasn_id": "",
    "siasn_id_unit": "",
}


def _admin_instansi_only(request) -> None:
    # Out of scope is a 404 across the application, not a 403.
    if not get_lingkup(request.user).is_admin_instansi():
        raise Http404


@login_required
@require_http_methods(["GET", "POST"])
def pegawai_import(request):
    _admin_instansi_only(request)
    galat = None
    if request.method == "POST":
        form = PegawaiImportForm(request.POST, request.FILES, user=request.user)
        if form.is_valid():
            hasil = impor.pegawai_import(instansi=form.instansi, rows=form.cleaned_data["rows"], actor=request.user)
            if hasil.berhasil:
                messages.success(
                    request,
                    _("Impor selesai: %(dibuat)d pegawai baru, %(diperbarui)d diperbarui, %(sama)d tanpa perubahan.")
                    % {"dibuat": hasil.dibuat, "diperbarui": hasil.diperbarui, "sama": hasil.tidak_berubah},
                )
                return redirect("opd:pegawai_list")
            galat = hasil.galat
    else:
        form = PegawaiImportForm(user=request.user)
    return render(request, "opd/pegawai_import.html", {"form": form, "galat": galat})


@login_required
@require_GET
def pegawai_import_template(request):
    """A CSV with the column header and one example row, UTF-8 with a BOM so that Excel shows it right."""
    _admin_instansi_only(request)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(impor.KOLOM)
    writer.writerow([CONTOH[k] for k in impor.KOLOM])
    response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="contoh-impor-pegawai.csv"'
    return response

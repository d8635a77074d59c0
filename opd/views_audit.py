"""The audit log, for the Admin Instansi (their instansi's entries) and Admin BKN (the instansi they oversee): a page
at a time, newest first, and the filtered entries as CSV, streamed. Nobody changes an entry here or anywhere else."""

import csv
import json

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.serializers.json import DjangoJSONEncoder
from django.http import StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from . import selectors
from .forms import AuditFilterForm
from .lingkup import get_lingkup
from .models import CatatanAudit, JenisAudit

PER_HALAMAN = 50
# A cell that a spreadsheet would read as a formula (or as the start of one) is written as text.
_AWAL_RUMUS = ("=", "+", "-", "@", "\t", "\r")


def _form(request) -> tuple[AuditFilterForm, object]:
    if not selectors.boleh_baca_audit(get_lingkup(request.user)):
        raise PermissionDenied
    lingkup = get_lingkup(request.user)
    form = AuditFilterForm(
        request.GET or None,
        instansi_qs=selectors.instansi_audit_for_user(user=request.user),
        banyak_instansi=lingkup.superuser or len(lingkup.admin_instansi | lingkup.bkn_instansi) > 1,
    )
    qs = selectors.catatan_audit_for_user(user=request.user)
    if form.is_bound:
        qs = selectors.catatan_audit_cari(qs=qs, **form.saringan()) if form.is_valid() else qs.none()
    return form, qs


@login_required
def audit(request):
    form, qs = _form(request)
    entri, berikut = selectors.catatan_audit_halaman(
        qs=qs, kursor=selectors.kursor_baca(request.GET.get("kursor")), jumlah=PER_HALAMAN
    )
    saringan = request.GET.copy()
    saringan.pop("kursor", None)
    halaman_berikut = None
    if berikut is not None:
        halaman_berikut = saringan.copy()
        halaman_berikut["kursor"] = selectors.kursor_teks(berikut)
    return render(
        request,
        "opd/audit.html",
        {
            "form": form,
            "entri": entri,
            "saringan": saringan.urlencode(),
            "halaman_berikut": halaman_berikut.urlencode() if halaman_berikut else "",
            "halaman_lanjut": "kursor" in request.GET,
            "banyak_instansi": "instansi" in form.fields,
        },
    )


class _Gema:
    """The file-like object csv.writer writes to: hands each line back instead of keeping it."""

    def write(self, baris: str) -> str:
        return baris


def _sel(nilai) -> str:
    teks = "" if nilai is None else str(nilai)
    return f"'{teks}" if teks.startswith(_AWAL_RUMUS) else teks


@login_required
def audit_csv(request):
    form, qs = _form(request)
    # Read now: the response is written after the request's time zone and language are gone.
    zona = timezone.get_current_timezone()
    jenis = {k: str(v) for k, v in JenisAudit.choices}
    aksi = {k: str(v) for k, v in CatatanAudit.Aksi.choices}
    kepala = [
        _("Waktu"),
        _("Instansi"),
        _("Nama pengguna"),
        _("Jenis"),
        _("Aksi"),
        _("Jenis objek"),
        _("ID objek"),
        _("Objek"),
        _("Perubahan"),
        _("Keterangan"),
        _("Alamat klien"),
        _("Alamat halaman"),
    ]

    def baris():
        tulis = csv.writer(_Gema())
        yield "\ufeff" + tulis.writerow(kepala)  # the mark tells Excel the file is UTF-8
        for e in qs.order_by("-waktu", "-id").iterator(chunk_size=1000):
            yield tulis.writerow(
                _sel(v)
                for v in (
                    e.waktu.astimezone(zona).isoformat(timespec="seconds"),
                    e.instansi.nama if e.instansi else "",
                    e.username,
                    jenis.get(e.jenis, e.jenis),
                    aksi.get(e.aksi, e.aksi),
                    f"{e.content_type.app_label}.{e.content_type.model}" if e.content_type else "",
                    e.objek_id,
                    e.objek_teks,
                    json.dumps(e.perubahan, cls=DjangoJSONEncoder, ensure_ascii=False) if e.perubahan else "",
                    e.keterangan,
                    e.alamat,
                    e.path,
                )
            )

    response = StreamingHttpResponse(baris(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="audit-{timezone.localdate():%Y%m%d}.csv"'
    return response

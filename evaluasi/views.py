"""The realisation grid: one page per OPD and triwulan where the evaluation team enters, submits and verifies."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from indikator.capaian import BatasBand
from indikator.models import ROMAWI, Periode
from indikator.services import hari_ini_instansi, periode_get_or_create, periode_terbuka
from opd import selectors as opd_selectors
from opd.lingkup import get_lingkup

from . import selectors, services
from .forms import RealisasiBarisForm
from .models import Realisasi


def _triwulan_valid(tahun: int, triwulan: int) -> None:
    if not (1 <= triwulan <= 4 and 2000 <= tahun <= 2100):
        raise Http404


def triwulan_berjalan(hari_ini: datetime.date) -> tuple[int, int]:
    """The quarter whose entry is due: the previous one during the first ten days after it ends."""
    q = (hari_ini.month - 1) // 3 + 1
    awal = datetime.date(hari_ini.year, 3 * (q - 1) + 1, 1)
    if hari_ini - awal < datetime.timedelta(days=10):
        return (hari_ini.year - 1, 4) if q == 1 else (hari_ini.year, q - 1)
    return hari_ini.year, q


@login_required
def grid_index(request):
    """Where to enter: straight to the grid for a user with one OPD, a choice otherwise."""
    opds = list(opd_selectors.opd_for_user(user=request.user))
    if not opds:
        raise Http404
    tahun, tw = triwulan_aktif(opds[0].instansi)
    if len(opds) == 1:
        return redirect("evaluasi:grid", opd_pk=opds[0].pk, tahun=tahun, triwulan=tw)
    return render(request, "evaluasi/grid_index.html", {"opds": opds, "tahun": tahun, "triwulan": tw})


@login_required
def grid_index_opd(request, opd_pk: int):
    """The OPD's grid at the quarter now open for entry."""
    opd = opd_selectors.opd_get_for_user(user=request.user, pk=opd_pk)
    tahun, tw = triwulan_aktif(opd.instansi)
    return redirect("evaluasi:grid", opd_pk=opd.pk, tahun=tahun, triwulan=tw)


def triwulan_aktif(instansi) -> tuple[int, int]:
    """The latest quarter whose entry window is open today in the instansi's zone, else the quarter now due."""
    hari_ini = hari_ini_instansi(instansi)
    terbuka = (
        Periode.objects.filter(instansi=instansi, dibuka__lte=hari_ini, ditutup__gte=hari_ini)
        .order_by("-tahun", "-triwulan")
        .values_list("tahun", "triwulan")
        .first()
    )
    return terbuka or triwulan_berjalan(hari_ini)


def _context_baris(request, row, *, form=None, pesan=None, konflik=None):
    opd = row.indikator.opd
    return {
        "row": row,
        "form": form
        or RealisasiBarisForm(
            indikator=row.indikator,
            initial={
                "nilai": _nilai_awal(row),
                "kendala": row.realisasi.kendala if row.realisasi else "",
                "solusi": row.realisasi.solusi if row.realisasi else "",
                "bukti_tautan": row.realisasi.bukti_tautan if row.realisasi else "",
                "bukti_teks": row.realisasi.bukti_teks if row.realisasi else "",
                "versi": row.versi,
            },
        ),
        "boleh_isi": services.boleh_mengisi(request.user, row.indikator),
        "boleh_verifikasi": services.boleh_memverifikasi(request.user, row.indikator),
        "pesan": pesan,
        "konflik": konflik,
        "opd": opd,
    }


def _nilai_awal(row) -> str:
    if not row.realisasi or row.realisasi.nilai is None:
        return ""
    return _format_input(row.realisasi.nilai, row.indikator.desimal)


def _format_input(nilai, desimal: int) -> str:
    """A value as the user would type it in Indonesian: a decimal comma, no thousands separator."""
    teks = f"{nilai:.{desimal}f}" if desimal else f"{nilai:.0f}"
    return teks.replace(".", ",")


@login_required
def grid(request, opd_pk: int, tahun: int, triwulan: int):
    _triwulan_valid(tahun, triwulan)
    opd = opd_selectors.opd_get_for_user(user=request.user, pk=opd_pk)
    unit_id = request.GET.get("unit")
    unit_id = int(unit_id) if unit_id and unit_id.isdigit() else None
    rows = selectors.grid_rows(opd=opd, tahun=tahun, triwulan=triwulan, unit_id=unit_id)
    periode = periode_get_or_create(instansi=opd.instansi, tahun=tahun, triwulan=triwulan)
    baris = [_context_baris(request, row) for row in rows]
    boleh_isi = get_lingkup(request.user).can_enter_realisasi(opd.pk, opd.instansi_id)
    args = [opd.pk, tahun, triwulan]
    grid_links = [
        {
            "url": reverse("evaluasi:grid_excel", args=args) + (f"?unit={unit_id}" if unit_id else ""),
            "label": _("Unduh Excel"),
        }
    ]
    if boleh_isi:
        grid_links.append({"url": reverse("evaluasi:grid_excel_unggah", args=args), "label": _("Unggah Excel")})
    return render(
        request,
        "evaluasi/grid.html",
        {
            "opd": opd,
            "tahun": tahun,
            "triwulan": triwulan,
            "triwulan_romawi": ROMAWI[triwulan],
            "periode": periode,
            "terbuka": periode_terbuka(periode=periode),
            "baris": baris,
            "ringkasan": selectors.grid_ringkasan(rows),
            "units": opd_selectors.unit_for_opd(opd=opd),
            "unit_id": unit_id,
            "navigasi": [(q, ROMAWI[q]) for q in range(1, 5)],
            "boleh_isi": boleh_isi,
            "grid_links": grid_links,
        },
    )


def _row_for(request, opd_pk: int, tahun: int, triwulan: int, indikator_pk: int):
    _triwulan_valid(tahun, triwulan)
    opd = opd_selectors.opd_get_for_user(user=request.user, pk=opd_pk)
    rows = selectors.grid_rows(opd=opd, tahun=tahun, triwulan=triwulan, ids=[indikator_pk])
    if not rows:
        raise Http404
    return rows[0]


def _respond_row(request, row, *, form=None, pesan=None, konflik=None, status=200):
    if request.htmx:
        return render(
            request,
            "evaluasi/_grid_baris.html",
            _context_baris(request, row, form=form, pesan=pesan, konflik=konflik),
            status=status,
        )
    if pesan:
        level, text = pesan
        messages.add_message(request, messages.ERROR if level == "error" else messages.SUCCESS, text)
    if form is not None and form.errors or konflik:
        # Without JavaScript the grid is re-rendered with this line's input and errors kept.
        return render(
            request,
            "evaluasi/grid_satu.html",
            {
                **_context_baris(request, row, form=form, pesan=pesan, konflik=konflik),
                "tahun": row.indikator.tahun,
                "triwulan": row.triwulan,
            },
            status=status,
        )
    url = reverse("evaluasi:grid", args=[row.indikator.opd_id, row.indikator.tahun, row.triwulan])
    return redirect(f"{url}#baris-{row.indikator.pk}")


@login_required
@require_POST
def grid_baris(request, opd_pk: int, tahun: int, triwulan: int, indikator_pk: int):
    """One line's action: save as draft, submit, verify, or return. Answers with the line again."""
    row = _row_for(request, opd_pk, tahun, triwulan, indikator_pk)
    indikator = row.indikator
    aksi = request.POST.get("aksi", "simpan")
    form = RealisasiBarisForm(request.POST, request.FILES, indikator=indikator)
    if aksi in ("simpan", "ajukan") and not services.boleh_mengisi(request.user, indikator):
        raise PermissionDenied
    if aksi in ("verifikasi", "kembalikan") and not services.boleh_memverifikasi(request.user, indikator):
        raise PermissionDenied
    if aksi not in ("simpan", "ajukan", "verifikasi", "kembalikan"):
        raise Http404
    if not form.is_valid():
        return _respond_row(request, row, form=form, pesan=("error", _("Periksa isian yang ditandai.")), status=422)
    data = form.cleaned_data
    try:
        if aksi in ("simpan", "ajukan"):
            realisasi = services.realisasi_simpan(
                actor=request.user,
                indikator=indikator,
                triwulan=triwulan,
                versi=data["versi"],
                nilai=data["nilai"],
                kendala=data["kendala"],
                solusi=data["solusi"],
                bukti_tautan=data["bukti_tautan"],
                bukti_teks=data["bukti_teks"],
                berkas=[data["berkas"]] if data.get("berkas") else [],
            )
            if aksi == "ajukan":
                try:
                    services.realisasi_ajukan(actor=request.user, realisasi=realisasi, versi=realisasi.versi)
                except ValidationError as exc:
                    # The draft is saved; only the submission waits. The form moves on to the saved version.
                    data = request.POST.copy()
                    data[f"{form.prefix}-versi"] = str(realisasi.versi)
                    form = RealisasiBarisForm(data, indikator=indikator)
                    form.is_valid()
                    row = _row_for(request, opd_pk, tahun, triwulan, indikator_pk)
                    raise exc
                pesan = _("Realisasi %(kode)s diajukan untuk diverifikasi.") % {"kode": indikator.kode}
            else:
                pesan = _("Draf realisasi %(kode)s disimpan.") % {"kode": indikator.kode}
        elif aksi == "verifikasi":
            services.realisasi_verifikasi(
                actor=request.user,
                realisasi=row.realisasi or Realisasi(indikator=indikator, triwulan=triwulan),
                versi=data["versi"],
            )
            pesan = _("Realisasi %(kode)s diverifikasi.") % {"kode": indikator.kode}
        else:
            services.realisasi_kembalikan(
                actor=request.user,
                realisasi=row.realisasi or Realisasi(indikator=indikator, triwulan=triwulan),
                versi=data["versi"],
                alasan=data["alasan"],
            )
            pesan = _("Realisasi %(kode)s dikembalikan.") % {"kode": indikator.kode}
    except services.KonflikVersi as exc:
        terbaru = exc.realisasi
        konflik = {
            "oleh": (terbaru.diubah_oleh.get_full_name() or terbaru.diubah_oleh.username)
            if terbaru and terbaru.diubah_oleh
            else _("pengguna lain"),
            "pada": date_format(localtime(terbaru.diubah_pada), "DATETIME_FORMAT") if terbaru else "",
            "nilai": terbaru.nilai if terbaru else None,
            "status": terbaru.get_status_display() if terbaru else "",
        }
        fresh = _row_for(request, opd_pk, tahun, triwulan, indikator_pk)
        return _respond_row(
            request,
            fresh,
            form=form,
            konflik=konflik,
            pesan=("error", _("Tidak disimpan: realisasi ini sudah diubah orang lain. Isian Anda masih ada di bawah.")),
            status=409,
        )
    except ValidationError as exc:
        if hasattr(exc, "error_dict"):
            for field, errors in exc.error_dict.items():
                target = field if field in form.fields else None
                for error in errors:
                    form.add_error(target, error)
        else:
            for error in exc.messages:
                form.add_error(None, error)
        pesan = (
            _("Draf disimpan, tetapi belum dapat diajukan.")
            if aksi == "ajukan" and row.realisasi
            else _("Tidak disimpan.")
        )
        return _respond_row(request, row, form=form, pesan=("error", pesan), status=422)
    fresh = _row_for(request, opd_pk, tahun, triwulan, indikator_pk)
    return _respond_row(request, fresh, pesan=("success", pesan))


@login_required
@require_GET
def grid_pratinjau(request, opd_pk: int, tahun: int, triwulan: int, indikator_pk: int):
    """Live preview while typing: the achievement this value would give, computed by the same pure function."""
    row = _row_for(request, opd_pk, tahun, triwulan, indikator_pk)
    prefix = f"r{row.indikator.pk}-nilai"
    error, capaian = None, None
    try:
        nilai = services.parse_nilai(request.GET.get(prefix), indikator=row.indikator)
    except ValidationError as exc:
        error = exc.messages[0]
    else:
        capaian = services.capaian_pratinjau(
            indikator=row.indikator, target=row.target, nilai=nilai, cap=row.indikator.opd.instansi.batas_capaian
        )
    return render(
        request,
        "evaluasi/_grid_pratinjau.html",
        {"row": row, "capaian": capaian, "error": error, "band": _band(row.indikator.opd.instansi, capaian)},
    )


def _band(instansi, capaian) -> str:
    if capaian is None or capaian.capped is None:
        return ""
    batas = BatasBand(
        sangat_baik=instansi.band_sangat_baik,
        baik=instansi.band_baik,
        cukup=instansi.band_cukup,
        kurang=instansi.band_kurang,
    )
    return batas.band(capaian.capped).value


@login_required
def bukti_unduh(request, pk: int):
    bukti = selectors.bukti_get_for_user(user=request.user, pk=pk)
    try:
        handle = bukti.berkas.open("rb")
    except FileNotFoundError:
        raise Http404
    response = FileResponse(handle, as_attachment=True, filename=bukti.nama_asli, content_type=bukti.jenis_konten)
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@require_POST
def bukti_hapus(request, pk: int):
    bukti = selectors.bukti_get_for_user(user=request.user, pk=pk)
    realisasi = bukti.realisasi
    try:
        services.bukti_hapus(actor=request.user, bukti=bukti)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Bukti %(nama)s dihapus.") % {"nama": bukti.nama_asli})
    url = reverse("evaluasi:grid", args=[realisasi.indikator.opd_id, realisasi.indikator.tahun, realisasi.triwulan])
    return redirect(f"{url}#baris-{realisasi.indikator_id}")


@login_required
def riwayat(request, indikator_pk: int):
    """Every change to the indicator's realisations: who, when, old → new."""
    indikator = selectors.indikator_readable_for_user(user=request.user, pk=indikator_pk)
    entries = riwayat_realisasi(indikator=indikator)
    template = "evaluasi/_riwayat_realisasi.html" if request.htmx else "evaluasi/riwayat.html"
    return render(request, template, {"indikator": indikator, "entries": entries})


def riwayat_realisasi(*, indikator) -> list[dict]:
    history = list(
        Realisasi.history.filter(indikator_id=indikator.pk)
        .select_related("history_user")
        .order_by("triwulan", "history_date", "history_id")
    )
    entries, previous = [], {}
    fields = ["nilai", "status", "kendala", "solusi", "bukti_tautan", "bukti_teks", "alasan_pengembalian"]
    for record in history:
        before = previous.get(record.triwulan)
        changes = []
        for name in fields:
            old = getattr(before, name) if before else None
            new = getattr(record, name)
            if old != new and not (before is None and new in ("", None)):
                changes.append({"field": Realisasi._meta.get_field(name).verbose_name, "lama": old, "baru": new})
        entries.append({"record": record, "changes": changes, "triwulan": ROMAWI[record.triwulan]})
        previous[record.triwulan] = record
    entries.reverse()
    return entries

"""The realisation grid: one page of compact rows per OPD and triwulan, edited in place, details opened on demand,
filters and pagination in SQL, and the bulk actions (submit every complete row, verify the selected rows)."""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from indikator.models import ROMAWI
from indikator.services import periode_get_or_create, periode_terbuka
from opd import masukan
from opd import selectors as opd_selectors
from opd.lingkup import get_lingkup

from . import selectors, services
from .forms import RealisasiBarisForm
from .models import Realisasi
from .selectors import FilterGrid
from .templatetags.kinerja_format import angka, target_teks
from .views import _triwulan_valid, riwayat_realisasi

RIWAYAT_MAKS = 20  # history entries shown in a row's details (the full history has its own page)
PILIHAN_MAKS = 500  # rows one bulk verification may name
PESAN_MAKS = 10  # refused rows named one by one after a bulk action


def _format_input(nilai, desimal: int) -> str:
    """A value as the user would type it in Indonesian: a decimal comma, no thousands separator."""
    teks = f"{nilai:.{desimal}f}" if desimal else f"{nilai:.0f}"
    return teks.replace(".", ",")


def _nilai_awal(row) -> str:
    if not row.realisasi or row.realisasi.nilai is None:
        return ""
    return _format_input(row.realisasi.nilai, row.indikator.desimal)


def _rupiah_input(nilai) -> str:
    return "" if nilai is None else _format_input(nilai, 0 if nilai == nilai.to_integral_value() else 2)


def _form_awal(row) -> RealisasiBarisForm:
    r = row.realisasi
    return RealisasiBarisForm(
        indikator=row.indikator,
        initial={
            "nilai": _nilai_awal(row),
            "kendala": r.kendala if r else "",
            "solusi": r.solusi if r else "",
            "bukti_tautan": r.bukti_tautan if r else "",
            "bukti_teks": r.bukti_teks if r else "",
            "pagu": _rupiah_input(r.pagu) if r else "",
            "serapan": _rupiah_input(r.serapan) if r else "",
            "versi": row.versi,
        },
    )


def _hak(request, opd) -> tuple[bool, bool]:
    """May the user enter realisations of this OPD, and may they verify them."""
    lingkup = get_lingkup(request.user)
    isi = lingkup.can_enter_realisasi(opd.pk, opd.instansi_id)
    return isi, isi or opd.pk in lingkup.pimpinan_opd


STATUS_KELAS = {
    Realisasi.Status.DRAF: "text-bg-light border",
    Realisasi.Status.DIAJUKAN: "text-bg-primary",
    Realisasi.Status.DIVERIFIKASI: "text-bg-success",
    Realisasi.Status.DIKEMBALIKAN: "text-bg-warning",
}


def _label_kurang() -> dict[str, str]:
    return {"nilai": _("nilai"), "kendala": _("kendala"), "solusi": _("solusi"), "bukti": _("bukti")}


def _ctx_baris(
    row,
    *,
    boleh_isi,
    boleh_verifikasi,
    terbuka,
    form=None,
    pesan=None,
    konflik=None,
    filter=None,
    url_grid=None,
    label_kurang=None,
    filter_qs=None,
):
    """A compact row, with everything the template shows computed here (a page renders fifty of them, and each
    template lookup costs more than the same work in Python). Rendered from the row itself, or from the user's refused
    input (`form`), which is kept. Its URLs come from the grid's (`url_grid`, reversed once per page)."""
    ind = row.indikator
    r = row.realisasi
    url_grid = url_grid or reverse("evaluasi:grid", args=[ind.opd_id, ind.tahun, row.triwulan])
    url_baris = f"{url_grid}{ind.pk}/"
    if form is not None and form.is_bound:
        nilai = form.data.get(form.add_prefix("nilai"), "")
        # After a conflict the row moves on to the stored version: saving again is a deliberate overwrite.
        versi = row.versi if konflik else form.data.get(form.add_prefix("versi"), row.versi)
        galat = [*form.errors.get("nilai", []), *form.non_field_errors()]
    else:
        nilai, versi, galat = _nilai_awal(row), row.versi, []
    if row.belum_diisi:
        status_label, status_kelas = _("Belum diisi"), "text-bg-secondary"
    else:
        status_label, status_kelas = r.get_status_display(), STATUS_KELAS.get(r.status, "")
    kurang = ""
    if row.dapat_diubah and not row.belum_diisi:
        label_kurang = label_kurang or _label_kurang()
        kurang = ", ".join(label_kurang[k] for k in row.kekurangan)
    if konflik and konflik.get("nilai") is not None:
        konflik = {**konflik, "nilai_teks": angka(konflik["nilai"], ind.desimal)}
    pegawai = ind.pegawai
    return {
        "row": row,
        "pk": str(ind.pk),
        "versi": str(versi),
        "kode": ind.kode,
        "jenis": ind.get_jenis_display()[:3],
        "nama": ind.nama,
        "satuan": ind.satuan,
        "pemegang": pegawai.nama_lengkap if pegawai else (ind.unit.nama if ind.unit_id else _("OPD")),
        "nip": pegawai.nip if pegawai else "",
        "target": target_teks(row.target.target_bawah, row.target.target_atas, ind.desimal) if row.target else "–",
        "nilai": nilai if nilai is not None else "",
        "nilai_tampil": angka(r.nilai, ind.desimal) if r and r.nilai is not None else "–",
        "galat": galat,
        "pesan_galat": pesan[1] if pesan and pesan[0] == "error" else "",
        "pesan_ok": pesan[1] if pesan and pesan[0] == "success" else "",
        "konflik": konflik,
        "status": row.status or "kosong",
        "status_label": status_label,
        "status_kelas": status_kelas,
        "kurang": kurang,
        "capaian": row.pratinjau,
        "band": row.pratinjau_band,
        "label_nilai": _("Realisasi %(kode)s (%(satuan)s)") % {"kode": ind.kode, "satuan": ind.satuan},
        "label_pilih": _("Pilih %(kode)s") % {"kode": ind.kode},
        "boleh_verifikasi": boleh_verifikasi,
        "dapat_diisi": boleh_isi and terbuka and row.dapat_diubah and ind.sumber_realisasi == "manual",
        "filter_qs": filter_qs if filter_qs is not None else urlencode((filter or FilterGrid()).query()),
        "url_baris": url_baris,
        "url_pratinjau": f"{url_baris}pratinjau/",
        "url_rinci": f"{url_baris}rinci/",
    }


def _periode(opd, tahun: int, triwulan: int):
    periode = periode_get_or_create(instansi=opd.instansi, tahun=tahun, triwulan=triwulan)
    periode.instansi = opd.instansi
    return periode


@login_required
@require_GET
def grid(request, opd_pk: int, tahun: int, triwulan: int):
    """One page of the grid: at most PER_HALAMAN compact rows, the counts, and page links keeping the filters."""
    _triwulan_valid(tahun, triwulan)
    opd = opd_selectors.opd_get_for_user(user=request.user, pk=opd_pk)
    filter = FilterGrid.dari_query(request.GET)
    halaman = selectors.grid_halaman(opd=opd, tahun=tahun, triwulan=triwulan, filter=filter)
    periode = _periode(opd, tahun, triwulan)
    terbuka = periode_terbuka(periode=periode)
    boleh_isi, boleh_verifikasi = _hak(request, opd)
    args = [opd.pk, tahun, triwulan]
    url_grid = reverse("evaluasi:grid", args=args)
    filter_qs = urlencode(filter.query())
    label_kurang = _label_kurang()
    baris = [
        _ctx_baris(
            row,
            boleh_isi=boleh_isi,
            boleh_verifikasi=boleh_verifikasi,
            terbuka=terbuka,
            url_grid=url_grid,
            label_kurang=label_kurang,
            filter_qs=filter_qs,
        )
        for row in halaman.rows
    ]
    grid_links = [
        {
            "url": reverse("evaluasi:grid_excel", args=args) + (f"?unit={filter.unit_id}" if filter.unit_id else ""),
            "label": _("Unduh Excel"),
        }
    ]
    if boleh_isi:
        grid_links.append({"url": reverse("evaluasi:grid_excel_unggah", args=args), "label": _("Unggah Excel")})
    filter_tanpa_halaman = filter.query(halaman="")
    return render(
        request,
        "evaluasi/grid.html",
        {
            "opd": opd,
            "tahun": tahun,
            "triwulan": triwulan,
            "triwulan_romawi": ROMAWI[triwulan],
            "periode": periode,
            "terbuka": terbuka,
            "baris": baris,
            "halaman": halaman,
            "ringkasan": halaman.ringkasan,
            "filter": filter,
            "filter_aktif": bool(filter_tanpa_halaman),
            "filter_hidden": filter_tanpa_halaman.items(),
            "filter_qs": filter_qs,
            "tautan_halaman": [
                (p, "?" + urlencode(filter.query(halaman=str(p) if p > 1 else "")) if p else None)
                for p in halaman.nomor_halaman()
            ],
            "tautan_status": {
                s or "semua": "?" + urlencode(filter.query(status=s, halaman=""))
                for s in ("", *selectors.STATUS_FILTER)
            },
            "tautan_bawah": "?" + urlencode(filter.query(bawah="" if filter.bawah_target else "1", halaman="")),
            "units": opd_selectors.unit_for_opd(opd=opd),
            "navigasi": [(q, ROMAWI[q]) for q in range(1, 5)],
            "boleh_isi": boleh_isi,
            "boleh_verifikasi": boleh_verifikasi,
            "grid_links": grid_links,
            "kolom": 9 if boleh_verifikasi else 8,
        },
    )


def _row_for(request, opd_pk: int, tahun: int, triwulan: int, indikator_pk: int):
    _triwulan_valid(tahun, triwulan)
    opd = opd_selectors.opd_get_for_user(user=request.user, pk=opd_pk)
    rows = selectors.grid_rows(opd=opd, tahun=tahun, triwulan=triwulan, ids=[indikator_pk])
    if not rows:
        raise Http404
    return rows[0]


def _ctx_rinci(request, row, *, form=None, pesan=None, konflik=None, mandiri=False):
    opd = row.indikator.opd
    boleh_isi, boleh_verifikasi = _hak(request, opd)
    terbuka = periode_terbuka(periode=_periode(opd, row.indikator.tahun, row.triwulan))
    form = form or _form_awal(row)
    entries = riwayat_realisasi(indikator=row.indikator)
    return {
        "row": row,
        "ind": row.indikator,
        "r": row.realisasi,
        "form": form,
        "versi": row.versi if konflik or not form.is_bound else form.data.get(form.add_prefix("versi"), row.versi),
        "pesan": pesan,
        "konflik": konflik,
        "boleh_isi": boleh_isi,
        "boleh_verifikasi": boleh_verifikasi,
        "editable": row.dapat_diubah,
        "terbuka": terbuka,
        "riwayat": entries[:RIWAYAT_MAKS],
        "riwayat_lebih": len(entries) > RIWAYAT_MAKS,
        "mandiri": mandiri,
        "kolom": 9 if boleh_verifikasi else 8,
        "baris_ctx": _ctx_baris(
            row,
            boleh_isi=boleh_isi,
            boleh_verifikasi=boleh_verifikasi,
            terbuka=terbuka,
            form=form,
            pesan=None,
            konflik=konflik,
            filter=FilterGrid.dari_query(request.GET),
        ),
    }


@login_required
@require_GET
def grid_rinci(request, opd_pk: int, tahun: int, triwulan: int, indikator_pk: int):
    """One row's details (kendala, solusi, evidence, history), opened on demand: a table row for htmx, a page
    without JavaScript."""
    row = _row_for(request, opd_pk, tahun, triwulan, indikator_pk)
    if request.htmx:
        return render(request, "evaluasi/_grid_rinci.html", _ctx_rinci(request, row))
    return render(request, "evaluasi/grid_satu.html", _ctx_rinci(request, row, mandiri=True))


def _respond_row(request, row, *, form=None, pesan=None, konflik=None, status=200):
    # The compact row sends the value alone and gets the row back; every other form is the row's details.
    rinci = request.POST.get("hanya_nilai") != "1"
    filter = FilterGrid.dari_query(request.GET)
    if request.htmx:
        if rinci:
            # The details again, and the compact row above them (out of band): its version and status moved on.
            ctx = _ctx_rinci(request, row, form=form, pesan=pesan, konflik=konflik)
            ctx["oob"] = True
            return render(request, "evaluasi/_grid_rinci.html", ctx, status=status)
        opd = row.indikator.opd
        boleh_isi, boleh_verifikasi = _hak(request, opd)
        terbuka = periode_terbuka(periode=_periode(opd, row.indikator.tahun, row.triwulan))
        ctx = _ctx_baris(
            row,
            boleh_isi=boleh_isi,
            boleh_verifikasi=boleh_verifikasi,
            terbuka=terbuka,
            form=form,
            pesan=pesan,
            konflik=konflik,
            filter=filter,
        )
        return render(request, "evaluasi/_grid_baris.html", {"b": ctx}, status=status)
    if pesan:
        level, text = pesan
        messages.add_message(request, messages.ERROR if level == "error" else messages.SUCCESS, text)
    if form is not None and form.errors or konflik:
        # Without JavaScript the line's details are rendered on their own page, with the input and errors kept.
        return render(
            request,
            "evaluasi/grid_satu.html",
            _ctx_rinci(request, row, form=form, pesan=pesan, konflik=konflik, mandiri=True),
            status=status,
        )
    return redirect(
        _url_grid(row.indikator.opd_id, row.indikator.tahun, row.triwulan, filter, f"baris-{row.indikator.pk}")
    )


def _url_grid(opd_pk, tahun, triwulan, filter: FilterGrid, anchor: str = "") -> str:
    url = reverse("evaluasi:grid", args=[opd_pk, tahun, triwulan])
    query = urlencode(filter.query())
    return url + (f"?{query}" if query else "") + (f"#{anchor}" if anchor else "")


@login_required
@require_POST
def grid_baris(request, opd_pk: int, tahun: int, triwulan: int, indikator_pk: int):
    """One line's action: save as draft, submit, verify, or return. Answers with the line again. The compact row
    sends the value alone (`hanya_nilai`): the stored kendala, solusi and evidence are kept."""
    row = _row_for(request, opd_pk, tahun, triwulan, indikator_pk)
    indikator = row.indikator
    aksi = request.POST.get("aksi", "simpan")
    hanya_nilai = request.POST.get("hanya_nilai") == "1"
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
            isian = (
                {"kendala": None, "solusi": None, "bukti_tautan": None, "bukti_teks": None}
                if hanya_nilai
                else {k: data[k] for k in ("kendala", "solusi", "bukti_tautan", "bukti_teks")}
            )
            if not hanya_nilai and form.dengan_anggaran:
                isian.update(pagu=data["pagu"], serapan=data["serapan"])
            realisasi = services.realisasi_simpan(
                actor=request.user,
                indikator=indikator,
                triwulan=triwulan,
                versi=data["versi"],
                nilai=data["nilai"],
                berkas=[data["berkas"]] if data.get("berkas") else [],
                **isian,
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
            pesan=("error", _("Tidak disimpan: realisasi ini sudah diubah orang lain. Isian Anda masih ada.")),
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
    """Live preview while typing: the achievement this value would give, computed by the same pure function.
    Cheap on purpose (the indicator and its quarter's target, nothing else): it runs at every pause in typing."""
    _triwulan_valid(tahun, triwulan)
    opd = opd_selectors.opd_get_for_user(user=request.user, pk=opd_pk)
    indikator, target = selectors.indikator_target(opd=opd, tahun=tahun, triwulan=triwulan, pk=indikator_pk)
    error, capaian = None, None
    try:
        nilai = services.parse_nilai(request.GET.get(f"r{indikator.pk}-nilai"), indikator=indikator)
    except ValidationError as exc:
        error = exc.messages[0]
    else:
        capaian = services.capaian_pratinjau(
            indikator=indikator, target=target, nilai=nilai, cap=opd.instansi.batas_capaian
        )
    band = ""
    if capaian is not None and capaian.capped is not None:
        band = selectors._batas_band(opd.instansi).band(capaian.capped).value
    return render(
        request,
        "evaluasi/_grid_pratinjau.html",
        {"pk": str(indikator.pk), "capaian": capaian, "error": error, "band": band},
    )


def _lapor(request, hasil: services.HasilMassal, *, berhasil: str, ditolak: str, dilewati: str) -> None:
    if hasil.berhasil:
        messages.success(request, berhasil % {"n": len(hasil.berhasil)})
    for label, alasan in hasil.ditolak[:PESAN_MAKS]:
        messages.error(request, ditolak % {"baris": label, "alasan": alasan})
    if len(hasil.ditolak) > PESAN_MAKS:
        messages.error(
            request,
            _("… dan %(n)d baris lain juga ditolak (saring dengan status Draf untuk melihatnya).")
            % {"n": len(hasil.ditolak) - PESAN_MAKS},
        )
    if hasil.dilewati:
        messages.info(request, dilewati % {"n": hasil.dilewati})
    if not (hasil.berhasil or hasil.ditolak or hasil.dilewati):
        messages.info(request, _("Tidak ada baris yang dapat diproses."))


@login_required
@require_POST
def grid_ajukan(request, opd_pk: int, tahun: int, triwulan: int):
    """Submit every complete row of the OPD's quarter (within the grid's filters): one transaction, one report."""
    _triwulan_valid(tahun, triwulan)
    opd = opd_selectors.opd_get_for_user(user=request.user, pk=opd_pk)
    if not _hak(request, opd)[0]:
        raise PermissionDenied
    filter = FilterGrid.dari_query(request.POST)
    indikator = selectors.grid_filter_qs(opd=opd, tahun=tahun, triwulan=triwulan, filter=filter)
    try:
        hasil = services.realisasi_ajukan_banyak(
            actor=request.user, opd=opd, tahun=tahun, triwulan=triwulan, indikator=indikator
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        _lapor(
            request,
            hasil,
            berhasil=_("%(n)d realisasi diajukan untuk diverifikasi."),
            ditolak=_("Tidak diajukan: %(baris)s. %(alasan)s"),
            dilewati=_("%(n)d baris belum diisi dilewati."),
        )
    return redirect(_url_grid(opd.pk, tahun, triwulan, filter))


def _pilihan(values) -> dict[int, int]:
    """ "indikator:versi" pairs from the checkboxes; anything malformed is left out."""
    pilihan = {}
    for value in values:
        pk, _sep, versi = value.partition(":")
        pk_, versi_ = masukan.angka(pk, maks_digit=11), masukan.angka(versi, maks_digit=11)
        if pk_ is not None and versi_ is not None:
            pilihan[pk_] = versi_
    return pilihan


@login_required
@require_POST
def grid_verifikasi(request, opd_pk: int, tahun: int, triwulan: int):
    """Verify the rows ticked on the page (each with the version shown): one transaction, one report."""
    _triwulan_valid(tahun, triwulan)
    opd = opd_selectors.opd_get_for_user(user=request.user, pk=opd_pk)
    if not _hak(request, opd)[1]:
        raise PermissionDenied
    filter = FilterGrid.dari_query(request.POST)
    values = request.POST.getlist("pilih")
    if not values:
        messages.error(request, _("Pilih dulu baris yang akan diverifikasi."))
    elif len(values) > PILIHAN_MAKS:
        messages.error(request, _("Paling banyak %(n)d baris sekali verifikasi.") % {"n": PILIHAN_MAKS})
    else:
        hasil = services.realisasi_verifikasi_banyak(
            actor=request.user, opd=opd, tahun=tahun, triwulan=triwulan, pilihan=_pilihan(values)
        )
        _lapor(
            request,
            hasil,
            berhasil=_("%(n)d realisasi diverifikasi."),
            ditolak=_("Tidak diverifikasi: %(baris)s. %(alasan)s"),
            dilewati=_("%(n)d pilihan bukan baris OPD ini dan diabaikan."),
        )
    return redirect(_url_grid(opd.pk, tahun, triwulan, filter))

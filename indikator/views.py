"""Pages for periods (Admin Instansi) and indicators (the OPD team manages, readers read, an ASN sees their own IKI).

Each view: access check → form → one service call → redirect with a message (POST-redirect-GET), or render.
"""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from opd import masukan
from opd.lingkup import get_lingkup
from opd.selectors import opd_for_user, opd_get_for_user

from . import selectors, services
from .forms import TAHUN_MAX, TAHUN_MIN, IndikatorForm, PeriodeBukaUlangForm, PeriodeJendelaForm, SalinTahunForm
from .models import ROMAWI, Indikator, Periode

PER_PAGE = 50


def _tahun_dari(nilai: str | None, bawaan: int) -> int:
    """The year asked for in the query string; anything that is not a sensible year gives the default."""
    return masukan.tahun(nilai, bawaan=bawaan, dari=TAHUN_MIN, sampai=TAHUN_MAX)


def _tahun_pilihan(tahun_ini: int, *tahun_lain: int) -> list[int]:
    return sorted({*range(tahun_ini - 3, tahun_ini + 2), *tahun_lain}, reverse=True)


def _tambah_galat(form, exc: ValidationError) -> None:
    """A service's refusal, shown next to the form field it is about (or above the form)."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)


def _boleh_ubah(user, opd) -> bool:
    return get_lingkup(user).can_enter_realisasi(opd.pk, opd.instansi_id)


# -- indicators ------------------------------------------------------------------------------------------------------


@login_required
@require_GET
def index(request):
    """The OPDs whose indicators the user may read, with their counts for the year; an ASN's own IKI."""
    lingkup = get_lingkup(request.user)
    pembaca = lingkup.superuser or bool(lingkup.instansi_penuh or lingkup.opd_penuh)
    if not pembaca and not lingkup.pegawai_id:
        raise Http404
    tahun_ini = timezone.localdate().year
    tahun = _tahun_dari(request.GET.get("tahun"), tahun_ini)
    opd_list = selectors.opd_dengan_jumlah_indikator(qs=opd_for_user(user=request.user), tahun=tahun) if pembaca else []
    return render(
        request,
        "indikator/index.html",
        {
            "tahun": tahun,
            "tahun_pilihan": _tahun_pilihan(tahun_ini, tahun),
            "opd_list": opd_list,
            "milik_saya": selectors.indikator_milik_pegawai(user=request.user, tahun=tahun),
        },
    )


@login_required
@require_GET
def indikator_list(request, opd_pk: int):
    opd = opd_get_for_user(user=request.user, pk=opd_pk)
    tahun_ini = services.hari_ini_instansi(opd.instansi).year
    tahun = _tahun_dari(request.GET.get("tahun"), tahun_ini)
    jenis = request.GET.get("jenis", "")
    if jenis not in Indikator.Jenis.values:
        jenis = ""
    unit = request.GET.get("unit", "")
    unit_id = masukan.angka(unit)
    qs = selectors.indikator_for_opd(user=request.user, opd=opd, tahun=tahun, jenis=jenis or None, unit_id=unit_id)
    page = Paginator(qs, PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "indikator/indikator_list.html",
        {
            "opd": opd,
            "tahun": tahun,
            "tahun_pilihan": _tahun_pilihan(tahun_ini, tahun, *selectors.tahun_indikator_opd(opd=opd)),
            "jenis": jenis,
            "jenis_pilihan": Indikator.Jenis.choices,
            "unit_id": unit_id,
            "units": selectors.unit_opd(opd=opd),
            "page_obj": page,
            "boleh_ubah": _boleh_ubah(request.user, opd),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def indikator_create(request, opd_pk: int, tahun: int):
    opd = opd_get_for_user(user=request.user, pk=opd_pk)
    if not TAHUN_MIN <= tahun <= TAHUN_MAX:
        raise Http404
    if not _boleh_ubah(request.user, opd):
        raise PermissionDenied
    if request.method == "POST":
        form = IndikatorForm(request.POST, opd=opd, tahun=tahun)
        if form.is_valid():
            try:
                indikator = services.indikator_create(
                    actor=request.user,
                    opd=opd,
                    tahun=tahun,
                    data=form.data_indikator(),
                    target_triwulan=form.target_triwulan(),
                )
            except ValidationError as exc:
                _tambah_galat(form, exc)
            else:
                messages.success(request, _("Indikator %(kode)s ditambahkan.") % {"kode": indikator.kode})
                return redirect("indikator:indikator_detail", pk=indikator.pk)
    else:
        jenis = request.GET.get("jenis")
        form = IndikatorForm(
            initial={"jenis": jenis} if jenis in Indikator.Jenis.values else None, opd=opd, tahun=tahun
        )
    return render(request, "indikator/indikator_form.html", {"form": form, "opd": opd, "tahun": tahun})


def _beda_dengan_terbaru(form: IndikatorForm, terbaru: Indikator) -> list[tuple[str, str, str]]:
    """(label, stored now, your input) for each field where the newer saved version differs from the input."""
    hasil = []
    for name in IndikatorForm.Meta.fields:
        if name not in form.cleaned_data or form.fields[name].disabled:
            continue
        tersimpan, isian = getattr(terbaru, name), form.cleaned_data[name]
        if tersimpan != isian:
            hasil.append((str(form.fields[name].label), _tampil(tersimpan), _tampil(isian)))
    target = selectors.target_triwulan_for(indikator=terbaru)
    for q, (bawah, atas) in form.target_triwulan().items():
        t = target.get(q)
        if t is None or (t.target_bawah, t.target_atas) != (bawah, atas):
            tersimpan = "–" if t is None else _rentang(t.target_bawah, t.target_atas)
            hasil.append((_("Target TW %(tw)s") % {"tw": ROMAWI[q]}, tersimpan, _rentang(bawah, atas)))
    return hasil


def _tampil(nilai) -> str:
    if nilai is None or nilai == "":
        return "–"
    if isinstance(nilai, bool):
        return _("Ya") if nilai else _("Tidak")
    if hasattr(nilai, "as_tuple"):
        return selectors.angka(nilai)
    return str(nilai)


def _rentang(bawah, atas) -> str:
    return _tampil(bawah) if atas is None else f"{_tampil(bawah)} – {_tampil(atas)}"


@login_required
@require_http_methods(["GET", "POST"])
def indikator_edit(request, pk: int):
    indikator = selectors.indikator_get_for_user(user=request.user, pk=pk)
    if not _boleh_ubah(request.user, indikator.opd):
        raise PermissionDenied
    context: dict = {"indikator": indikator, "opd": indikator.opd, "tahun": indikator.tahun}
    if request.method == "POST":
        form = IndikatorForm(request.POST, instance=indikator, opd=indikator.opd, tahun=indikator.tahun)
        if form.is_valid():
            versi = form.cleaned_data.get("versi") or 0
            try:
                hasil = services.indikator_update(
                    actor=request.user,
                    indikator=indikator,
                    versi=versi,
                    data=form.data_indikator(),
                    target_triwulan=form.target_triwulan(),
                )
            except services.IndikatorKedaluwarsa as exc:
                terbaru = exc.terbaru
                form.add_error(
                    None,
                    _(
                        "Indikator ini sudah diubah orang lain sejak Anda membukanya. Isian Anda belum disimpan: "
                        "periksa nilai tersimpan di bawah, lalu simpan lagi bila isian Anda yang benar."
                    ),
                )
                # The next save is made knowingly against the version just shown.
                form.data = form.data.copy()
                form.data["versi"] = str(terbaru.versi)
                terakhir = terbaru.history.select_related("history_user").first()
                context.update(
                    terbaru=terbaru,
                    terbaru_oleh=selectors.nama_pengguna(terakhir.history_user if terakhir else None),
                    terbaru_pada=terakhir.history_date if terakhir else None,
                    beda=_beda_dengan_terbaru(form, terbaru),
                )
            except ValidationError as exc:
                _tambah_galat(form, exc)
            else:
                if hasil.versi == versi:
                    messages.info(request, _("Tidak ada perubahan pada indikator %(kode)s.") % {"kode": hasil.kode})
                else:
                    messages.success(request, _("Indikator %(kode)s disimpan.") % {"kode": hasil.kode})
                return redirect("indikator:indikator_detail", pk=hasil.pk)
    else:
        form = IndikatorForm(instance=indikator, opd=indikator.opd, tahun=indikator.tahun)
    context["form"] = form
    return render(request, "indikator/indikator_form.html", context)


@login_required
@require_GET
def indikator_detail(request, pk: int):
    indikator = selectors.indikator_get_for_user(user=request.user, pk=pk)
    lingkup = get_lingkup(request.user)
    target = selectors.target_triwulan_for(indikator=indikator)
    induk = indikator.induk
    return render(
        request,
        "indikator/indikator_detail.html",
        {
            "indikator": indikator,
            "opd": indikator.opd,
            "target_triwulan": [(ROMAWI[q], target.get(q)) for q in range(1, 5)],
            "turunan": selectors.turunan_for_user(user=request.user, indikator=indikator),
            "induk_terbaca": induk is not None
            and (lingkup.can_read_opd(induk.opd_id, induk.instansi_id) or induk.pegawai_id == lingkup.pegawai_id),
            "boleh_ubah": _boleh_ubah(request.user, indikator.opd),
            "dapat_baca_opd": lingkup.can_read_opd(indikator.opd_id, indikator.instansi_id),
            "riwayat": selectors.riwayat_indikator(indikator=indikator),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def indikator_copy(request, opd_pk: int):
    """Bulk copy of a year's indicators (by default last year's) into another year."""
    opd = opd_get_for_user(user=request.user, pk=opd_pk)
    if not _boleh_ubah(request.user, opd):
        raise PermissionDenied
    if request.method == "POST":
        form = SalinTahunForm(request.POST)
        if form.is_valid():
            dari, ke = form.cleaned_data["dari_tahun"], form.cleaned_data["ke_tahun"]
            try:
                hasil = services.indikator_copy_year(actor=request.user, opd=opd, dari_tahun=dari, ke_tahun=ke)
            except ValidationError as exc:
                _tambah_galat(form, exc)
            else:
                pesan = _(
                    "Disalin dari %(dari)s ke %(ke)s: %(iku)d IKU dan %(iki)d IKI. "
                    "%(lewat)d dilewati karena kodenya sudah ada di %(ke)s atau pegawainya tidak aktif lagi di OPD ini."
                ) % {"dari": dari, "ke": ke, "iku": hasil.iku, "iki": hasil.iki, "lewat": hasil.dilewati}
                (messages.success if hasil.jumlah else messages.warning)(request, pesan)
                url = reverse("indikator:indikator_list", args=[opd.pk])
                return redirect(f"{url}?{urlencode({'tahun': ke})}")
    else:
        ke = _tahun_dari(request.GET.get("tahun"), services.hari_ini_instansi(opd.instansi).year)
        form = SalinTahunForm(initial={"dari_tahun": ke - 1, "ke_tahun": ke})
    tahun_ada = selectors.tahun_indikator_opd(opd=opd)
    return render(request, "indikator/indikator_copy.html", {"form": form, "opd": opd, "tahun_ada": tahun_ada})


# -- periods ---------------------------------------------------------------------------------------------------------


def _admin_instansi_only(request) -> None:
    # Periods are the Admin Instansi's: to everyone else these pages do not exist.
    if not get_lingkup(request.user).is_admin_instansi():
        raise Http404


def _url_periode_list(periode: Periode) -> str:
    url = reverse("indikator:periode_list")
    return f"{url}?{urlencode({'instansi': periode.instansi_id, 'tahun': periode.tahun})}"


@login_required
@require_GET
def periode_list(request):
    """The four triwulan of a year of one instansi, their windows and status today, and the reopening log."""
    _admin_instansi_only(request)
    pilihan = list(selectors.instansi_admin_for_user(user=request.user).order_by("nama"))
    diminta = request.GET.get("instansi", "")
    instansi = next((i for i in pilihan if str(i.pk) == diminta), pilihan[0] if pilihan else None)
    if instansi is None:
        raise Http404
    hari_ini = services.hari_ini_instansi(instansi)
    tahun = _tahun_dari(request.GET.get("tahun"), hari_ini.year)
    daftar = services.periode_ensure_year(instansi=instansi, tahun=tahun)
    baris = [(p, Periode.Status(p.status_pada(hari_ini))) for p in daftar]
    tahun_ada = Periode.objects.filter(instansi=instansi).values_list("tahun", flat=True).distinct()
    return render(
        request,
        "indikator/periode_list.html",
        {
            "instansi": instansi,
            "instansi_pilihan": pilihan,
            "tahun": tahun,
            "tahun_pilihan": _tahun_pilihan(hari_ini.year, tahun, *tahun_ada),
            "hari_ini": hari_ini,
            "baris": baris,
            "Status": Periode.Status,
            "pembukaan_ulang": selectors.pembukaan_ulang_for_periode(periode_ids=[p.pk for p in daftar]),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def periode_edit(request, pk: int):
    _admin_instansi_only(request)
    periode = selectors.periode_get_for_admin(user=request.user, pk=pk)
    if request.method == "POST":
        form = PeriodeJendelaForm(request.POST)
        if form.is_valid():
            try:
                services.periode_ubah_jendela(
                    actor=request.user,
                    periode=periode,
                    dibuka=form.cleaned_data["dibuka"],
                    ditutup=form.cleaned_data["ditutup"],
                )
            except ValidationError as exc:
                _tambah_galat(form, exc)
            else:
                messages.success(request, _("Jendela pengisian %(p)s disimpan.") % {"p": periode.label})
                return redirect(_url_periode_list(periode))
    else:
        form = PeriodeJendelaForm(initial={"dibuka": periode.dibuka, "ditutup": periode.ditutup})
    status = Periode.Status(periode.status_pada(services.hari_ini_instansi(periode.instansi)))
    return render(
        request,
        "indikator/periode_form.html",
        {"form": form, "periode": periode, "status": status, "Status": Periode.Status},
    )


@login_required
@require_POST
def periode_tutup(request, pk: int):
    _admin_instansi_only(request)
    periode = selectors.periode_get_for_admin(user=request.user, pk=pk)
    try:
        periode = services.periode_tutup(actor=request.user, periode=periode)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Periode %(p)s ditutup: pengisian terkunci mulai hari ini.") % {"p": periode.label})
    return redirect(_url_periode_list(periode))


@login_required
@require_http_methods(["GET", "POST"])
def periode_buka_ulang(request, pk: int):
    _admin_instansi_only(request)
    periode = selectors.periode_get_for_admin(user=request.user, pk=pk)
    hari_ini = services.hari_ini_instansi(periode.instansi)
    if periode.status_pada(hari_ini) != Periode.Status.DITUTUP:
        messages.info(request, _("Periode %(p)s belum ditutup: tidak perlu dibuka ulang.") % {"p": periode.label})
        return redirect(_url_periode_list(periode))
    if request.method == "POST":
        form = PeriodeBukaUlangForm(request.POST)
        if form.is_valid():
            try:
                pembukaan = services.periode_buka_ulang(
                    actor=request.user,
                    periode=periode,
                    alasan=form.cleaned_data["alasan"],
                    ditutup_baru=form.cleaned_data["ditutup_baru"],
                )
            except ValidationError as exc:
                _tambah_galat(form, exc)
            else:
                messages.success(
                    request,
                    _("Periode %(p)s dibuka ulang sampai %(t)s.")
                    % {"p": periode.label, "t": date_format(pembukaan.ditutup_baru, "j F Y")},
                )
                return redirect(_url_periode_list(periode))
    else:
        form = PeriodeBukaUlangForm(initial={"ditutup_baru": hari_ini + datetime.timedelta(days=7)})
    return render(
        request, "indikator/periode_buka_ulang.html", {"form": form, "periode": periode, "hari_ini": hari_ini}
    )

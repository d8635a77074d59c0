"""The download centre: request a report, follow its job, download the file. Rendering never happens here: a request
creates a job and the `reports` worker renders it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from opd import selectors as opd_selectors
from opd.lingkup import get_lingkup
from opd.masukan import angka

from . import selectors, services
from .excel import JENIS_KONTEN
from .forms import MintaLaporanForm
from .jenis import INSTANSI, OPD, PEGAWAI, REGISTRI
from .models import Format, Laporan

PER_PAGE = 25
JENIS_KONTEN_FORMAT = {Format.PDF: "application/pdf", Format.XLSX: JENIS_KONTEN}


def _id(value) -> int | None:
    return angka(value)


@login_required
@require_safe
def index(request):
    """The user's reports and the automatic ones they may read, newest first."""
    lingkup = get_lingkup(request.user)
    page = Paginator(selectors.laporan_for_user(user=request.user), PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "laporan/index.html",
        {"page_obj": page, "boleh_minta": bool(services.jenis_untuk(lingkup)), "masih_berjalan": _berjalan(page)},
    )


def _berjalan(page) -> bool:
    return any(not laporan.selesai for laporan in page.object_list)


def _form(request, data=None):
    lingkup = get_lingkup(request.user)
    opd_choices = [
        (pk, f"{nama} – {instansi}")
        for pk, nama, instansi in opd_selectors.opd_for_user(user=request.user)
        .order_by("instansi__nama", "nama")
        .values_list("pk", "nama", "instansi__nama")
    ]
    instansi_choices = list(selectors.instansi_penuh_for_user(user=request.user).values_list("pk", "nama"))
    initial = {"tahun": timezone.localdate().year, "format": Format.PDF}
    for key in ("jenis", "opd", "instansi", "tahun", "triwulan", "format"):
        if request.GET.get(key):
            initial[key] = request.GET[key]
    return MintaLaporanForm(
        data,
        initial=initial,
        jenis_list=services.jenis_untuk(lingkup),
        opd_choices=opd_choices,
        instansi_choices=instansi_choices,
    )


@login_required
@require_http_methods(["GET", "POST"])
def minta(request):
    """GET: the request form. POST: queue the report and go to its job page. The report's object (OPD or instansi)
    is fetched through the scoped selectors first: another instansi's is a 404."""
    if request.method == "GET":
        return render(request, "laporan/minta.html", {"form": _form(request)})
    kind = REGISTRI.get(request.POST.get("jenis", ""))
    opd = instansi = pegawai = None
    if kind is not None and kind.tingkat == OPD and _id(request.POST.get("opd")) is not None:
        opd = opd_selectors.opd_get_for_user(user=request.user, pk=_id(request.POST.get("opd")))
        instansi = opd.instansi
    elif kind is not None and kind.tingkat == INSTANSI and _id(request.POST.get("instansi")) is not None:
        instansi = selectors.instansi_penuh_get_for_user(user=request.user, pk=_id(request.POST.get("instansi")))
    elif kind is not None and kind.tingkat == PEGAWAI and _id(request.POST.get("pegawai")) is not None:
        from penilaian.selectors import pegawai_penilaian_get

        pegawai = pegawai_penilaian_get(user=request.user, pk=_id(request.POST.get("pegawai")))
        instansi = pegawai.opd.instansi
    form = _form(request, request.POST)
    if form.is_valid():
        try:
            laporan = services.laporan_minta(
                actor=request.user,
                jenis=form.cleaned_data["jenis"],
                format=form.cleaned_data["format"],
                instansi=instansi,
                opd=opd,
                pegawai=pegawai,
                tahun=form.cleaned_data["tahun"],
                triwulan=form.cleaned_data["triwulan"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request,
                _("Laporan %(judul)s sedang disiapkan. Halaman ini menampilkan keadaannya.")
                % {"judul": laporan.judul_jenis},
            )
            return redirect("laporan:detail", laporan.pk)
    return render(request, "laporan/minta.html", {"form": form})


@login_required
@require_safe
def detail(request, pk: int):
    """A job's state; while it is queued or running, htmx asks again every few seconds (no inline script)."""
    laporan = selectors.laporan_get_for_user(user=request.user, pk=pk)
    template = "laporan/_status.html" if getattr(request, "htmx", False) else "laporan/detail.html"
    return render(request, template, {"laporan": laporan})


@login_required
@require_safe
def unduh(request, pk: int):
    laporan = selectors.laporan_get_for_user(user=request.user, pk=pk)
    if laporan.status != Laporan.Status.SELESAI or laporan.berkas is None:
        raise Http404
    try:
        handle = laporan.berkas.berkas.open("rb")
    except OSError:
        raise Http404  # removed by the retention job meanwhile
    jenis = laporan.jenis_laporan
    nama = f"{jenis.nama_berkas(laporan) if jenis else laporan.jenis}.{laporan.format}"
    response = FileResponse(
        handle, as_attachment=True, filename=nama, content_type=JENIS_KONTEN_FORMAT.get(laporan.format)
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, max-age=0"
    return response

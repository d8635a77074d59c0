"""Pages for staff: the OPDs' services with their QR codes, and the survey results. Each view checks access,
validates a form, calls one service, then redirects or renders."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from indikator.models import TRIWULAN_CHOICES
from opd import masukan
from opd import selectors as opd_selectors

from . import selectors, services
from .forms import LayananForm
from .models import UNSUR

# -- services and QR codes -------------------------------------------------------------------------------------------


def _url_survei(request, layanan) -> str:
    url = reverse("survei:survei", args=[layanan.opd_id])
    return request.build_absolute_uri(f"{url}?layanan={layanan.pk}")


@login_required
def layanan_list(request):
    opd_qs = selectors.opd_layanan_for_user(user=request.user)
    opd_list = list(opd_qs)
    if not opd_list:
        raise Http404
    if request.method == "POST":
        form = LayananForm(request.POST, opd_qs=opd_qs)
        if form.is_valid():
            try:
                services.layanan_add(actor=request.user, opd=form.cleaned_data["opd"], nama=form.cleaned_data["nama"])
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("Layanan ditambahkan."))
                return redirect("survei:layanan_list")
        status = 422
    else:
        form = LayananForm(opd_qs=opd_qs)
        status = 200
    layanan = list(selectors.layanan_for_user(user=request.user).order_by("opd__nama", "nama"))
    per_opd: dict[int, list] = {}
    for item in layanan:
        per_opd.setdefault(item.opd_id, []).append(item)
    baris = [(opd, per_opd.get(opd.pk, [])) for opd in opd_list]
    return render(request, "survei/layanan_list.html", {"form": form, "baris": baris}, status=status)


@login_required
@require_POST
def layanan_aktif(request, pk: int):
    layanan = get_object_or_404(selectors.layanan_for_user(user=request.user), pk=pk)
    services.layanan_set_active(actor=request.user, layanan=layanan, aktif=request.POST.get("aktif") == "1")
    messages.success(request, _("Layanan diperbarui."))
    return redirect("survei:layanan_list")


@login_required
def layanan_qr(request, pk: int):
    """The service's survey link as an SVG QR code, to print and put on the counter."""
    import segno

    layanan = get_object_or_404(selectors.layanan_for_user(user=request.user), pk=pk)
    qr = segno.make(_url_survei(request, layanan), error="m")
    svg = qr.svg_inline(scale=8, border=2, dark="#000", light="#fff")
    response = HttpResponse(svg, content_type="image/svg+xml")
    response["Content-Disposition"] = f'inline; filename="survei-layanan-{layanan.pk}.svg"'
    return response


@login_required
def layanan_cetak(request, pk: int):
    layanan = get_object_or_404(selectors.layanan_for_user(user=request.user), pk=pk)
    return render(request, "survei/layanan_cetak.html", {"layanan": layanan, "url": _url_survei(request, layanan)})


# -- survey results --------------------------------------------------------------------------------------------------


@login_required
def ikm(request):
    opd_list = list(opd_selectors.opd_for_user(user=request.user).order_by("instansi__nama", "nama"))
    if not opd_list:
        raise Http404
    tahun_teks, tw_teks = request.GET.get("tahun", ""), request.GET.get("triwulan", "")
    tahun = masukan.angka(tahun_teks)
    tahun = timezone.localdate().year if tahun is None else tahun
    triwulan = masukan.triwulan(tw_teks)
    if not 2000 <= tahun <= 2100:
        raise Http404
    return render(
        request,
        "survei/ikm.html",
        {
            "hasil": selectors.ikm_per_opd(opd_list=opd_list, tahun=tahun, triwulan=triwulan),
            "saran": selectors.saran_terbaru(opd_list=opd_list, tahun=tahun),
            "tahun": tahun,
            "triwulan": triwulan,
            "triwulan_choices": TRIWULAN_CHOICES,
            "tahun_pilihan": range(timezone.localdate().year, timezone.localdate().year - 4, -1),
            "unsur": UNSUR,
        },
    )

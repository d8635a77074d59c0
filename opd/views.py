from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import selectors
from .lingkup import get_lingkup
from .masukan import angka

PER_PAGE = 25


@login_required
def opd_list(request):
    lingkup = get_lingkup(request.user)
    if not (lingkup.superuser or lingkup.instansi_penuh or lingkup.opd_penuh):
        raise Http404
    qs = (
        selectors.opd_for_user(user=request.user)
        .annotate(jumlah_pegawai=Count("pegawai_set"))
        .order_by("instansi__nama", "nama", "pk")
    )
    page = Paginator(qs, PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "opd/opd_list.html", {"page_obj": page})


@login_required
def opd_detail(request, pk: int):
    opd = selectors.opd_get_for_user(user=request.user, pk=pk)
    pegawai = selectors.pegawai_for_user(user=request.user).filter(opd=opd)
    page = Paginator(pegawai, PER_PAGE).get_page(request.GET.get("page"))
    links = [
        {"url": reverse("kinerja:opd", args=[opd.pk]), "label": _("Kinerja OPD")},
        {"url": reverse("indikator:indikator_list", args=[opd.pk]), "label": _("Indikator")},
        {"url": reverse("evaluasi:grid_index_opd", args=[opd.pk]), "label": _("Realisasi")},
    ]
    return render(
        request,
        "opd/opd_detail.html",
        {"opd": opd, "units": selectors.unit_for_opd(opd=opd), "page_obj": page, "opd_links": links},
    )


@login_required
def pegawai_list(request):
    lingkup = get_lingkup(request.user)
    if not (lingkup.superuser or lingkup.instansi_penuh or lingkup.opd_penuh):
        raise Http404
    q = request.GET.get("q", "").strip()
    opd_id = request.GET.get("opd")
    qs = selectors.pegawai_search(
        qs=selectors.pegawai_for_user(user=request.user),
        q=q,
        opd_id=angka(opd_id),
    )
    page = Paginator(qs, PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "opd/pegawai_list.html",
        {"page_obj": page, "q": q, "opd_id": opd_id, "opd_choices": selectors.opd_for_user(user=request.user)},
    )


@login_required
def pegawai_detail(request, pk: int):
    pegawai = selectors.pegawai_get_for_user(user=request.user, pk=pk)
    bawahan = selectors.pegawai_for_user(user=request.user).filter(atasan=pegawai)
    links = [{"url": reverse("kinerja:pegawai", args=[pegawai.pk]), "label": _("Kinerja")}]
    return render(request, "opd/pegawai_detail.html", {"pegawai": pegawai, "bawahan": bawahan, "pegawai_links": links})


@login_required
def lockout_list(request):
    """Accounts locked after repeated failed logins, for the admins who can unlock them."""
    from . import services

    lingkup = get_lingkup(request.user)
    if not (lingkup.is_admin_instansi() or lingkup.bkn_instansi):
        raise Http404
    return render(request, "opd/lockout_list.html", {"locked": services.lockout_list_for_user(user=request.user)})


@login_required
@require_POST
def lockout_reset(request):
    from . import services

    lingkup = get_lingkup(request.user)
    if not lingkup.is_admin_instansi():
        raise PermissionDenied
    username = request.POST.get("username", "")
    if not services.lockout_reset(actor=request.user, username=username):
        raise Http404
    messages.success(request, _("Akun %(u)s dapat masuk lagi.") % {"u": username})
    return redirect("opd:lockout_list")

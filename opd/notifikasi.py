"""Notifications: created where an event happens (`beri_tahu`), read in the application, and sent by email in one
daily digest per user (`ringkasan_kirim`), in Bahasa Indonesia, with a signed link per kind to stop its emails."""

from __future__ import annotations

import logging
from collections.abc import Iterable

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import QuerySet
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from .models_notifikasi import JenisNotifikasi, Notifikasi, PreferensiNotifikasi

logger = logging.getLogger(__name__)

SALT_BERHENTI = "kinerja.notifikasi.berhenti"
Saluran = PreferensiNotifikasi.Saluran


def _satu_baris(teks: str) -> str:
    return " ".join(str(teks).split())


def beri_tahu(*, users: Iterable, jenis: str, teks: str, tautan: str = "", kunci: str = "") -> int:
    """One notification per user (users or their ids; each once), following each user's choice for the kind: none
    for a user who turned it off, no email for one who wants it in the application only. With a `kunci`, an event
    already notified to a user is not notified again (a job run twice). Two or three queries; returns how many were
    made."""
    ids = sorted({u if isinstance(u, int) else u.pk for u in users if u is not None})
    if not ids:
        return 0
    JenisNotifikasi(jenis)  # an unknown kind is a programming error
    pilihan = dict(PreferensiNotifikasi.objects.filter(user_id__in=ids, jenis=jenis).values_list("user_id", "saluran"))
    if kunci:
        # Told already of this event (a job run twice): not again. The unique constraint settles a race.
        sudah = set(
            Notifikasi.objects.filter(user_id__in=ids, jenis=jenis, kunci=kunci[:200]).values_list("user_id", flat=True)
        )
        ids = [pk for pk in ids if pk not in sudah]
    sekarang = timezone.now()
    baris = [
        Notifikasi(
            user_id=pk,
            jenis=jenis,
            teks=_satu_baris(teks)[:500],
            tautan=tautan[:500],
            kunci=kunci[:200],
            dibuat=sekarang,
            kirim_email=pilihan.get(pk, Saluran.APLIKASI_EMAIL) == Saluran.APLIKASI_EMAIL,
        )
        for pk in ids
        if pilihan.get(pk) != Saluran.MATI
    ]
    Notifikasi.objects.bulk_create(baris, ignore_conflicts=bool(kunci))
    return len(baris)


# -- reading and marking ---------------------------------------------------------------------------------------------


def notifikasi_for_user(*, user) -> QuerySet[Notifikasi]:
    return Notifikasi.objects.filter(user=user)


def jumlah_belum_dibaca(*, user) -> int:
    return Notifikasi.objects.filter(user=user, dibaca__isnull=True).count()


def tandai_dibaca(*, user, pk: int | None = None) -> int:
    """Mark one of the user's notifications (or all of them) read; another user's is left alone."""
    qs = Notifikasi.objects.filter(user=user, dibaca__isnull=True)
    if pk is not None:
        qs = qs.filter(pk=pk)
    return qs.update(dibaca=timezone.now())


def preferensi_for_user(*, user) -> dict[str, str]:
    """The user's channel for every kind (the default where nothing was chosen)."""
    dipilih = dict(PreferensiNotifikasi.objects.filter(user=user).values_list("jenis", "saluran"))
    return {j.value: dipilih.get(j.value, Saluran.APLIKASI_EMAIL) for j in JenisNotifikasi}


@transaction.atomic
def preferensi_simpan(*, user, pilihan: dict[str, str]) -> None:
    for jenis, saluran in pilihan.items():
        JenisNotifikasi(jenis)
        Saluran(saluran)
        PreferensiNotifikasi.objects.update_or_create(user=user, jenis=jenis, defaults={"saluran": saluran})
        if saluran != Saluran.APLIKASI_EMAIL:
            # Waiting events of a kind no longer wanted by email are not sent by the next digest.
            Notifikasi.objects.filter(user=user, jenis=jenis, diemail__isnull=True).update(kirim_email=False)


# -- unsubscribing ---------------------------------------------------------------------------------------------------


def token_berhenti(*, user_id: int, jenis: str) -> str:
    return signing.dumps({"u": user_id, "j": jenis}, salt=SALT_BERHENTI, compress=True)


def baca_token_berhenti(token: str) -> tuple[int, str] | None:
    """The user and kind of a signed unsubscribe link, or None when it was altered or is not one."""
    try:
        data = signing.loads(token, salt=SALT_BERHENTI)
        JenisNotifikasi(data["j"])
        return int(data["u"]), data["j"]
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None


def berhenti_email(*, user_id: int, jenis: str) -> None:
    """The kind stays in the application but is no longer emailed (unless it was off already)."""
    with transaction.atomic():
        pref, _created = PreferensiNotifikasi.objects.get_or_create(
            user_id=user_id, jenis=jenis, defaults={"saluran": Saluran.APLIKASI}
        )
        if pref.saluran == Saluran.APLIKASI_EMAIL:
            pref.saluran = Saluran.APLIKASI
            pref.save(update_fields=["saluran"])
        Notifikasi.objects.filter(user_id=user_id, jenis=jenis, diemail__isnull=True).update(kirim_email=False)


# -- the daily digest ------------------------------------------------------------------------------------------------


def _alamat(path: str) -> str:
    if not path or path.startswith(("http://", "https://")):
        return path
    return f"{settings.SITE_URL.rstrip('/')}{path}"


def pengguna_menunggu_ringkasan() -> list[int]:
    """Users with events waiting for the digest and an address to send it to."""
    return sorted(
        set(
            Notifikasi.objects.filter(kirim_email=True, diemail__isnull=True, user__is_active=True)
            .exclude(user__email="")
            .values_list("user_id", flat=True)
        )
    )


def ringkasan_kirim(*, user_id: int) -> int:
    """One email gathering every event of the user not yet sent, in Bahasa Indonesia, grouped by kind, each kind
    with its link to stop its emails; the events are marked sent in the same transaction. Idempotent: run again,
    it finds nothing to send. Returns how many events the email carried."""
    user = get_user_model().objects.filter(pk=user_id, is_active=True).exclude(email="").first()
    if user is None:
        return 0
    with transaction.atomic():
        baris = list(
            Notifikasi.objects.select_for_update()
            .filter(user=user, kirim_email=True, diemail__isnull=True)
            .order_by("jenis", "dibuat", "pk")
        )
        if not baris:
            return 0
        with translation.override("id"):
            kelompok = []
            for jenis in JenisNotifikasi:
                isi = [n for n in baris if n.jenis == jenis.value]
                if isi:
                    kelompok.append(
                        {
                            "label": str(jenis.label),
                            "notifikasi": [{"teks": n.teks, "tautan": _alamat(n.tautan)} for n in isi],
                            "berhenti": _alamat(
                                reverse("opd:notifikasi_berhenti", args=[token_berhenti(user_id=user.pk, jenis=jenis)])
                            ),
                        }
                    )
            konteks = {
                "nama": user.get_full_name() or user.username,
                "kelompok": kelompok,
                "jumlah": len(baris),
                "halaman": _alamat(reverse("opd:notifikasi")),
                "preferensi": _alamat(reverse("opd:notifikasi_preferensi")),
            }
            subjek = _satu_baris(render_to_string("opd/email/ringkasan_subjek.txt", konteks))
            isi_email = render_to_string("opd/email/ringkasan.txt", konteks)
        pesan = EmailMessage(subjek, isi_email, settings.DEFAULT_FROM_EMAIL, [user.email])
        if len(kelompok) == 1:
            pesan.extra_headers["List-Unsubscribe"] = f"<{kelompok[0]['berhenti']}>"
        Notifikasi.objects.filter(pk__in=[n.pk for n in baris]).update(diemail=timezone.now())
        # Sent inside the transaction: if sending fails, the events stay unsent for the next run.
        pesan.send(fail_silently=False)
    return len(baris)


# -- recipients ------------------------------------------------------------------------------------------------------


def pengguna_peran(*, peran: Iterable[str], opd_ids: Iterable[int] = (), instansi_ids: Iterable[int] = ()) -> list[int]:
    """Active users holding one of the roles in one of the OPDs (OPD roles) or instansi (instansi roles). One query."""
    from django.db.models import Q

    opd_ids, instansi_ids = list(opd_ids), list(instansi_ids)
    if not opd_ids and not instansi_ids:
        return []
    lingkup = Q(pk__in=[])
    if opd_ids:
        lingkup |= Q(peran_set__opd_id__in=opd_ids)
    if instansi_ids:
        lingkup |= Q(peran_set__opd__isnull=True, peran_set__instansi_id__in=instansi_ids)
    return sorted(
        set(
            get_user_model()
            .objects.filter(lingkup, is_active=True, peran_set__peran__in=list(peran))
            .values_list("pk", flat=True)
        )
    )

"""The audit log's writers (opd.models.CatatanAudit).

- `catat`: one event (a login, a refusal, a complaint's step…), for the code that knows it happened.
- `pantau`: every change of a model kept by simple_history becomes an entry, with the fields that changed; each app
  names its own models in its AppConfig.ready().
- `catat_perubahan_banyak`: the entries of a bulk update (which sends no signal), in one INSERT.

The old values are those an instance had when it was built or loaded (kept on it by post_init), compared with the
values it is saved with when simple_history writes its row: a save adds one INSERT and no read. The instansi and the
object's type go into that INSERT as subqueries when they are not already at hand. A field that was not loaded
(deferred) is compared with the previous history row instead. Writers load the row they change (under
select_for_update): an instance built by hand for an existing row, or refreshed from the database, would be compared
with what it was built or first loaded with.

Services never touch the request: the client's address and the path come from the request simple_history's
middleware holds for the current thread (none in Celery tasks and commands).
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q, Subquery
from django.db.models.signals import post_init
from simple_history.models import HistoricalRecords
from simple_history.signals import post_create_historical_record

from .batas import alamat_klien
from .models import CatatanAudit, Pegawai, Peran, PeranPengguna

Aksi = CatatanAudit.Aksi
_AKSI_RIWAYAT = {"+": Aksi.DIBUAT, "~": Aksi.DIUBAH, "-": Aksi.DIHAPUS}
# Bookkeeping that changes with every save and says nothing the entry does not already say (who, when).
_SELALU_ABAIKAN = frozenset({"versi"})


@dataclass(frozen=True)
class Pantauan:
    jenis: str
    instansi: str
    fields: tuple[models.Field, ...]
    teks: Callable[[models.Model], str]


_PANTAUAN: dict[type[models.Model], Pantauan] = {}
_JENIS_OBJEK: dict[str, type[models.Model]] = {}


def pantau(
    model: type[models.Model],
    *,
    jenis: str,
    instansi: str = "instansi",
    teks: Callable[[models.Model], str] = str,
    abaikan: Iterable[str] = (),
) -> None:
    """Audit every change of `model` (which must have simple_history's HistoricalRecords) as an entry of `jenis`.

    `instansi` is the path from the model to its instansi ("indikator__instansi"; "" for Instansi itself); `teks`
    names an instance in the entry and must not query (use `terisi`); `abaikan` lists fields whose changes are
    bookkeeping. Fields set automatically on every save (auto_now) are left out."""
    abaikan = _SELALU_ABAIKAN | set(abaikan)
    fields = tuple(
        f
        for f in model._meta.concrete_fields
        if not f.primary_key
        and f.name not in abaikan
        and not getattr(f, "auto_now", False)
        and not getattr(f, "auto_now_add", False)
    )
    _PANTAUAN[model] = Pantauan(jenis=jenis, instansi=instansi, fields=fields, teks=teks)
    daftar_objek(model)
    uid = f"audit:{model._meta.label}"
    post_init.connect(_simpan_awal, sender=model, dispatch_uid=uid)
    post_create_historical_record.connect(_dari_riwayat, sender=model.history.model, dispatch_uid=uid)


def daftar_objek(model: type[models.Model]) -> None:
    """Offer `model` in the audit page's object filter (models written by `catat` with an object)."""
    _JENIS_OBJEK[model._meta.label_lower] = model


def jenis_objek() -> dict[str, type[models.Model]]:
    """The objects the log records, by "app_label.model"."""
    return dict(_JENIS_OBJEK)


def terisi(obj: models.Model, nama: str) -> models.Model | None:
    """The related object `nama` of `obj` if it is already loaded, else None: entries never query to name things."""
    field = obj._meta.get_field(nama)
    return getattr(obj, nama) if field.is_cached(obj) else None


# -- one event -------------------------------------------------------------------------------------------------------


def catat(
    *,
    jenis: str,
    user=None,
    username: str = "",
    instansi: Any = None,
    objek: models.Model | None = None,
    objek_teks: str = "",
    perubahan: dict | None = None,
    aksi: str = "",
    keterangan: str = "",
    request=None,
) -> CatatanAudit:
    """Write one entry. `instansi` is an Instansi, its id, or an expression; `request` defaults to the current one."""
    entri = _entri(
        jenis=jenis,
        user=user,
        username=username,
        instansi=instansi,
        objek=objek,
        objek_teks=objek_teks,
        perubahan=perubahan,
        aksi=aksi,
        keterangan=keterangan,
        asal=_asal(request),
    )
    entri.save(force_insert=True)
    return entri


def instansi_pengguna(user) -> int | None:
    """The one instansi a user works in (their instansi or OPD roles, their own staff record), or None for a user of
    several (Admin BKN) or of none. One query; nothing is cached on the user."""
    if user is None or user.pk is None:
        return None
    peran = (
        PeranPengguna.objects.filter(user_id=user.pk, instansi__isnull=False)
        .exclude(peran=Peran.ADMIN_BKN)
        .values_list("instansi_id", flat=True)
        .order_by()
    )
    pegawai = Pegawai.objects.filter(user_id=user.pk, aktif=True).values_list("opd__instansi_id", flat=True).order_by()
    ids = set(peran.union(pegawai))
    return ids.pop() if len(ids) == 1 else None


# -- changes kept by simple_history ----------------------------------------------------------------------------------


def _nilai(field: models.Field, nilai: Any) -> Any:
    if isinstance(field, models.FileField):
        return getattr(nilai, "name", nilai) or ""
    return nilai


def _kosong(nilai: Any) -> bool:
    return nilai is None or nilai == ""


def _sekarang(instance: models.Model, pantauan: Pantauan) -> dict[str, Any]:
    values = instance.__dict__
    return {f.attname: _nilai(f, values[f.attname]) for f in pantauan.fields if f.attname in values}


def _simpan_awal(sender, instance, **kwargs) -> None:
    instance._audit_awal = _sekarang(instance, _PANTAUAN[sender])


def _perubahan(instance, pantauan: Pantauan, aksi: str, sebelumnya: Callable[[], Any] | None = None) -> dict:
    """field → [old, new]: every filled field of a new or deleted object, the changed fields of an update."""
    baru = _sekarang(instance, pantauan)
    if aksi == Aksi.DIBUAT:
        return {f.name: [None, baru[f.attname]] for f in pantauan.fields if not _kosong(baru.get(f.attname))}
    awal = getattr(instance, "_audit_awal", None) or {}
    if aksi == Aksi.DIHAPUS:
        lama = {**awal, **baru}
        return {f.name: [lama[f.attname], None] for f in pantauan.fields if not _kosong(lama.get(f.attname))}
    hasil = {}
    riwayat = None
    for f in pantauan.fields:
        if f.attname not in baru:
            continue
        if f.attname in awal:
            lama = awal[f.attname]
        else:
            if riwayat is None and sebelumnya is not None:
                riwayat = sebelumnya() or False
            lama = _nilai(f, getattr(riwayat, f.attname, None)) if riwayat else None
        if lama != baru[f.attname]:
            hasil[f.name] = [lama, baru[f.attname]]
    return hasil


def _entri_perubahan(instance, pantauan: Pantauan, aksi: str, user, asal, sebelumnya=None) -> CatatanAudit | None:
    perubahan = _perubahan(instance, pantauan, aksi, sebelumnya)
    instance._audit_awal = _sekarang(instance, pantauan)
    if aksi == Aksi.DIUBAH and not perubahan:
        return None
    return _entri(
        jenis=pantauan.jenis,
        user=user,
        instansi=_instansi(instance, pantauan.instansi),
        objek=instance,
        objek_teks=pantauan.teks(instance),
        perubahan=perubahan,
        aksi=aksi,
        asal=asal,
    )


def _dari_riwayat(sender, instance, history_instance, history_user=None, **kwargs) -> None:
    pantauan = _PANTAUAN[type(instance)]
    entri = _entri_perubahan(
        instance,
        pantauan,
        _AKSI_RIWAYAT[history_instance.history_type],
        history_user,
        _asal(None),
        sebelumnya=lambda: _riwayat_sebelumnya(instance, history_instance),
    )
    if entri is not None:
        entri.save(force_insert=True)


def _riwayat_sebelumnya(instance, history_instance):
    """The history row before this one (simple_history's prev_record compares dates alone, which two rows written
    within one clock tick share)."""
    d = history_instance.history_date
    return (
        type(history_instance)
        ._default_manager.filter(**{instance._meta.pk.attname: instance.pk})
        .filter(Q(history_date__lt=d) | Q(history_date=d, history_id__lt=history_instance.history_id))
        .order_by("-history_date", "-history_id")
        .first()
    )


def catat_perubahan_banyak(objs: Iterable[models.Model], *, user, batch_size: int = 500) -> None:
    """The entries of a bulk update of watched objects (loaded whole before they were changed), in one INSERT."""
    asal = _asal(None)
    entri = []
    for obj in objs:
        satu = _entri_perubahan(obj, _PANTAUAN[type(obj)], Aksi.DIUBAH, user, asal)
        if satu is not None:
            entri.append(satu)
    if entri:
        CatatanAudit.objects.bulk_create(entri, batch_size=batch_size)


# -- building an entry -----------------------------------------------------------------------------------------------


def _asal(request) -> tuple[str, str]:
    """(client address, path) of the request, or of the one being served."""
    if request is None:
        request = getattr(HistoricalRecords.context, "request", None)
    if request is None:
        return "", ""
    return alamat_klien(request)[:64], request.path[:500]


def _instansi(obj: models.Model, jalur: str) -> Any:
    """The instansi id along `jalur` from what is loaded, or a subquery for the INSERT when it is not."""
    if not jalur:
        return obj.pk
    *langkah, akhir = jalur.split("__")
    for i, nama in enumerate(langkah):
        field = obj._meta.get_field(nama)
        if not field.is_cached(obj):
            fk = getattr(obj, field.attname)
            if fk is None:
                return None
            sisa = "__".join([*langkah[i + 1 :], akhir])
            return Subquery(field.related_model._base_manager.filter(pk=fk).values(sisa)[:1])
        obj = getattr(obj, nama)
        if obj is None:
            return None
    return getattr(obj, obj._meta.get_field(akhir).attname)


def _jenis_konten(model: type[models.Model]) -> Subquery:
    opts = model._meta.concrete_model._meta
    return Subquery(ContentType.objects.filter(app_label=opts.app_label, model=opts.model_name).values("pk")[:1])


def _entri(
    *,
    jenis: str,
    user=None,
    username: str = "",
    instansi: Any = None,
    objek: models.Model | None = None,
    objek_teks: str = "",
    perubahan: dict | None = None,
    aksi: str = "",
    keterangan: str = "",
    asal: tuple[str, str] = ("", ""),
) -> CatatanAudit:
    if not getattr(user, "is_authenticated", False):
        user = None
    if isinstance(instansi, models.Model):
        instansi = instansi.pk
    entri = CatatanAudit(
        jenis=jenis,
        user=user,
        username=(user.get_username() if user is not None else username)[:150],
        aksi=aksi,
        objek_teks=str(objek_teks)[:200],
        perubahan=perubahan or {},
        keterangan=keterangan[:200],
        alamat=asal[0],
        path=asal[1],
    )
    entri.instansi_id = instansi
    if objek is not None:
        entri.content_type_id = _jenis_konten(type(objek))
        entri.objek_id = objek.pk
    return entri

"""Loading generated rows in bulk: PostgreSQL COPY (psycopg 3), batched executemany on SQLite.

Rows arrive as plain tuples in the order of the columns named; columns left out get the field's default, so a
generator names only what it varies. Primary keys that other rows point at are reserved up front in one block
(`cadangkan_id`), so a whole instansi can be written table after table without reading anything back. Foreign keys
are deferred on both databases, so the order of the tables inside one transaction does not matter.
"""

# ruff: noqa: S608 -- SQL is built from table and column names of the models and integer ids only.
import datetime
from collections.abc import Iterable, Sequence

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import connection, models
from django.utils import timezone

from opd.models import Instansi

BATCH_SQLITE = 5_000
AWALAN_KODE = "beban-"  # instansi.kode of generated instansi
AWALAN_USER = "beban."  # username of generated users


def _tabel(model: type[models.Model]) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def cadangkan_id(model: type[models.Model], jumlah: int) -> int:
    """Reserve `jumlah` consecutive primary keys and return the first. Meant for a load run: a concurrent insert
    into the same table between the two statements could take one of them."""
    if jumlah <= 0:
        return 0
    tabel = model._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT pg_get_serial_sequence(%s, 'id')", [tabel])
            urutan = cursor.fetchone()[0]
            cursor.execute("SELECT nextval(%s)", [urutan])
            awal = cursor.fetchone()[0]
            cursor.execute("SELECT setval(%s, %s)", [urutan, awal + jumlah - 1])
            return awal
        cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {_tabel(model)}")
        terbesar = cursor.fetchone()[0]
        cursor.execute("SELECT seq FROM sqlite_sequence WHERE name = %s", [tabel])
        baris = cursor.fetchone()
        return max(terbesar, baris[0] if baris else 0) + 1


def _nilai_bawaan(field: models.Field, sekarang: datetime.datetime):
    if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
        return sekarang
    if field.has_default():
        return field.get_default()
    if field.null:
        return None
    if isinstance(field, models.FileField | models.CharField | models.TextField):
        return ""
    raise ValueError(f"{field.model.__name__}.{field.name} wajib diisi oleh pembangkit data beban")


def _kolom_lengkap(model: type[models.Model], kolom: Sequence[str]) -> tuple[list[models.Field], tuple]:
    """The fields named, then every other concrete field (except an auto primary key) with its constant default."""
    sekarang = timezone.now()
    per_nama = {f.attname: f for f in model._meta.concrete_fields}
    fields = [per_nama[k] for k in kolom]
    sisa = [f for f in model._meta.concrete_fields if f.attname not in kolom and not f.primary_key]
    return fields + sisa, tuple(_nilai_bawaan(f, sekarang) for f in sisa)


def muat(model: type[models.Model], kolom: Sequence[str], baris: Iterable[tuple]) -> int:
    """Write the rows into the model's table in bulk; returns how many."""
    fields, ekor = _kolom_lengkap(model, kolom)
    daftar_kolom = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    jumlah = 0
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.copy(f"COPY {_tabel(model)} ({daftar_kolom}) FROM STDIN") as copy:
                tulis = copy.write_row
                if ekor:
                    for row in baris:
                        tulis(row + ekor)
                        jumlah += 1
                else:
                    for row in baris:
                        tulis(row)
                        jumlah += 1
            return jumlah
        ubah = [_pengubah_sqlite(f) for f in fields]
        sql = f"INSERT INTO {_tabel(model)} ({daftar_kolom}) VALUES ({', '.join(['%s'] * len(fields))})"
        kumpulan: list[tuple] = []
        for row in baris:
            kumpulan.append(tuple(u(v) if u else v for u, v in zip(ubah, row + ekor, strict=True)))
            if len(kumpulan) >= BATCH_SQLITE:
                cursor.executemany(sql, kumpulan)
                jumlah += len(kumpulan)
                kumpulan = []
        if kumpulan:
            cursor.executemany(sql, kumpulan)
            jumlah += len(kumpulan)
    return jumlah


def _pengubah_sqlite(field: models.Field):
    """How Django itself would store a value of this field on SQLite (moments as naive UTC text, decimals as text)."""
    if isinstance(field, models.DateTimeField):
        return lambda v: connection.ops.adapt_datetimefield_value(v) if v is not None else None
    if isinstance(field, models.DecimalField):
        return lambda v: str(v) if v is not None else None
    if isinstance(field, models.DateField):
        return lambda v: v.isoformat() if v is not None else None
    return None


# -- removing generated data -----------------------------------------------------------------------------------------


def _jalur_ke_instansi(model: type[models.Model]) -> list[models.ForeignKey] | None:
    """The shortest chain of foreign keys from the model to Instansi (breadth first), or None."""
    antrean: list[tuple[type[models.Model], list]] = [(model, [])]
    dilihat = {model}
    while antrean:
        sekarang, jalur = antrean.pop(0)
        for f in sekarang._meta.concrete_fields:
            if not f.is_relation or f.remote_field is None:
                continue
            tujuan = f.remote_field.model
            if tujuan is Instansi:
                return [*jalur, f]
            if tujuan not in dilihat and tujuan._meta.app_label != "auth" and len(jalur) < 4:
                dilihat.add(tujuan)
                antrean.append((tujuan, [*jalur, f]))
    return None


def _kondisi(jalur: list[models.ForeignKey], id_instansi: str) -> str:
    """SQL condition on the first model of the chain: its row belongs to one of the listed instansi."""
    f = jalur[-1]
    kondisi = f"{connection.ops.quote_name(f.column)} IN ({id_instansi})"
    for f_sebelum in reversed(jalur[:-1]):
        tujuan = f_sebelum.remote_field.model
        kondisi = (
            f"{connection.ops.quote_name(f_sebelum.column)} IN (SELECT {connection.ops.quote_name(tujuan._meta.pk.column)}"
            f" FROM {_tabel(tujuan)} WHERE {kondisi})"
        )
    return kondisi


def hapus_data_beban() -> dict[str, int]:
    """Delete every generated instansi with everything that belongs to it, and every generated user. Set-based
    (one statement per table); call it inside a transaction (foreign keys are checked at commit)."""
    id_instansi = list(Instansi.objects.filter(kode__startswith=AWALAN_KODE).values_list("pk", flat=True))
    User = get_user_model()
    id_user = list(User.objects.filter(username__startswith=AWALAN_USER).values_list("pk", flat=True))
    hasil: dict[str, int] = {}
    with connection.cursor() as cursor:
        if id_instansi:
            daftar = ", ".join(str(int(i)) for i in id_instansi)
            daftar_jalur = []
            for model in apps.get_models(include_auto_created=True):
                if model._meta.proxy or not model._meta.managed or model is Instansi:
                    continue
                jalur = _jalur_ke_instansi(model)
                if jalur is not None:
                    daftar_jalur.append((model, jalur))
            # Longest chains first: the tables a condition reads through are emptied only after it ran.
            for model, jalur in sorted(daftar_jalur, key=lambda mj: -len(mj[1])):
                cursor.execute(f"DELETE FROM {_tabel(model)} WHERE {_kondisi(jalur, daftar)}")
                if cursor.rowcount:
                    hasil[model._meta.label] = cursor.rowcount
            cursor.execute(f"DELETE FROM {_tabel(Instansi)} WHERE id IN ({daftar})")
            hasil[Instansi._meta.label] = cursor.rowcount
        if id_user:
            daftar = ", ".join(str(int(i)) for i in id_user)
            for rel in User._meta.related_objects:
                if rel.many_to_many or not rel.field.concrete:
                    continue
                kolom = connection.ops.quote_name(rel.field.column)
                if rel.on_delete is models.SET_NULL:
                    cursor.execute(f"UPDATE {_tabel(rel.related_model)} SET {kolom} = NULL WHERE {kolom} IN ({daftar})")
                else:
                    cursor.execute(f"DELETE FROM {_tabel(rel.related_model)} WHERE {kolom} IN ({daftar})")
            for m2m in User._meta.many_to_many:
                through = m2m.remote_field.through
                kolom = connection.ops.quote_name(m2m.m2m_column_name())
                cursor.execute(f"DELETE FROM {_tabel(through)} WHERE {kolom} IN ({daftar})")
            cursor.execute(f"DELETE FROM {_tabel(User)} WHERE id IN ({daftar})")
            hasil[User._meta.label] = cursor.rowcount
    return hasil


def analyze(models_: Iterable[type[models.Model]]) -> None:
    """Fresh statistics for the tables just filled (PostgreSQL plans badly on a table it believes empty)."""
    with connection.cursor() as cursor:
        for model in models_:
            cursor.execute(f"ANALYZE {_tabel(model)}")

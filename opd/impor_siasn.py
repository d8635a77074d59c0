"""The SIASN ids a staff import may carry: the staff member's own (column ``siasn_id``) and their unit's
(``siasn_id_unit``: the unit kerja of ``kode_unit``, or the OPD when the row names no unit). Each id is unique within
the instansi when set. An empty ``siasn_id`` clears the staff member's id; an empty ``siasn_id_unit`` leaves the
unit's id as it is (many rows name the same unit, and one of them is enough to set it).

Called by opd/impor.py on rows whose OPD and unit are already resolved; two queries whatever the number of rows.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from simple_history.utils import bulk_update_with_history

from .models import Instansi, Opd, Pegawai, UnitKerja

KOLOM_SIASN = ("siasn_id", "siasn_id_unit")
PANJANG = 64


def periksa(*, instansi: Instansi, baris: list[Any], kolom_ada: set[str]) -> dict[tuple[str, int], str]:
    """Add an error to each row whose SIASN id is too long, repeats another row's, or belongs to someone else in the
    instansi. Returns the units' ids to set, keyed by ("unit" | "opd", pk)."""
    if "siasn_id" in kolom_ada:
        _periksa_pegawai(instansi, baris)
    if "siasn_id_unit" not in kolom_ada:
        return {}
    target: dict[tuple[str, int], tuple[str, Any]] = {}
    for b in baris:
        nilai = b.siasn_unit or ""
        opd_id, unit_id = b.nilai.get("opd"), b.nilai.get("unit")
        if not nilai or opd_id is None:
            continue
        if len(nilai) > PANJANG:
            b.tambah("siasn_id_unit", _("ID SIASN paling panjang %(batas)d karakter.") % {"batas": PANJANG})
            continue
        kunci = ("unit", unit_id) if unit_id else ("opd", opd_id)
        lama = target.get(kunci)
        if lama is not None and lama[0] != nilai:
            b.tambah(
                "siasn_id_unit",
                _("Unit yang sama diberi ID SIASN lain di baris %(baris)d berkas ini.") % {"baris": lama[1].baris},
            )
            continue
        target[kunci] = (nilai, b)
    pemilik: dict[str, set[tuple[str, int]]] = {nilai: set() for nilai, _b in target.values()}
    for nama, model in (("unit", UnitKerja), ("opd", Opd)):
        jalur = "opd__instansi" if model is UnitKerja else "instansi"
        for pk, nilai in model.objects.filter(**{jalur: instansi, "siasn_id__in": list(pemilik)}).values_list(
            "pk", "siasn_id"
        ):
            pemilik[nilai].add((nama, pk))
    for kunci, (nilai, b) in target.items():
        lain = {k for k in pemilik[nilai] if k != kunci} | {
            k for k, (v, _b) in target.items() if v == nilai and k != kunci
        }
        if lain:
            b.tambah("siasn_id_unit", _("ID SIASN ini sudah dipakai unit kerja atau OPD lain di instansi ini."))
    return {kunci: nilai for kunci, (nilai, _b) in target.items()}


def _periksa_pegawai(instansi: Instansi, baris: list[Any]) -> None:
    dipakai: dict[str, Any] = {}
    for b in baris:
        nilai = b.nilai.get("siasn_id", "")
        if len(nilai) > PANJANG:
            b.tambah("siasn_id", _("ID SIASN paling panjang %(batas)d karakter.") % {"batas": PANJANG})
        elif nilai in dipakai:
            b.tambah(
                "siasn_id", _("ID SIASN sudah dipakai di baris %(baris)d berkas ini.") % {"baris": dipakai[nilai].baris}
            )
        elif nilai:
            dipakai[nilai] = b
    di_berkas = {b.nip for b in baris}
    for nilai, nip in Pegawai.objects.filter(opd__instansi=instansi, siasn_id__in=list(dipakai)).values_list(
        "siasn_id", "nip"
    ):
        b = dipakai[nilai]
        if nip != b.nip and nip not in di_berkas:
            b.tambah("siasn_id", _("ID SIASN ini sudah dipakai pegawai lain (NIP %(nip)s).") % {"nip": nip})


def simpan(ids: dict[tuple[str, int], str], *, actor) -> int:
    """Set the units' and OPDs' SIASN ids (inside the import's transaction); returns how many changed."""
    jumlah = 0
    for nama, model in (("unit", UnitKerja), ("opd", Opd)):
        mau = {pk: nilai for (jenis, pk), nilai in ids.items() if jenis == nama}
        objs = [o for o in model.objects.filter(pk__in=list(mau)) if o.siasn_id != mau[o.pk]]
        for o in objs:
            o.siasn_id = mau[o.pk]
        if objs and model is Opd:
            bulk_update_with_history(objs, model, ["siasn_id"], default_user=actor)
        elif objs:
            model.objects.bulk_update(objs, ["siasn_id"])
        jumlah += len(objs)
    return jumlah

"""The evaluation cycle's data the reports show: organisation predikat and the spread of staff predikat."""

from collections import defaultdict

from django.db.models import Count

from laporan.format import angka as format_angka


def predikat_organisasi(*, opd_ids, tahun: int) -> dict[int, str]:
    """The organisation predikat the Admin Instansi set for each OPD and year, as codes (an OPD without one is
    absent). One query."""
    from penilaian.models import PredikatOpd

    rows = PredikatOpd.objects.filter(opd_id__in=list(opd_ids), tahun=tahun).values_list("opd_id", "predikat")
    return dict(rows)


def label_predikat_organisasi(kode: str) -> str:
    from penilaian.models import PredikatOrganisasi

    return str(PredikatOrganisasi(kode).label) if kode else ""


def urutan_predikat_pegawai() -> list[tuple[str, str]]:
    """(code, label) of the staff predikat, best first."""
    from penilaian.models import PredikatKinerja

    return [(kode, str(label)) for kode, label in PredikatKinerja.choices]


def sebaran_predikat(*, kelompok: str, instansi_ids, tahun: int, triwulan: int) -> dict[int, dict[str, int]]:
    """How many final periodic evaluations of the triwulan gave each staff predikat, per OPD (`kelompok="opd_id"`,
    the ASN's OPD) or per instansi. One query."""
    from penilaian.models import Penilaian

    key = {"opd_id": "pegawai__opd_id", "instansi_id": "instansi_id"}[kelompok]
    rows = (
        Penilaian.objects.filter(
            instansi_id__in=list(instansi_ids),
            tahun=tahun,
            jenis=Penilaian.Jenis.TRIWULAN,
            triwulan=triwulan,
            status__in=(Penilaian.Status.FINAL, Penilaian.Status.DIAKUI),
        )
        .exclude(predikat="")
        .order_by()
        .values(key, "predikat")
        .annotate(n=Count("pk"))
    )
    result: dict[int, dict[str, int]] = defaultdict(dict)
    for row in rows:
        result[row[key]][row["predikat"]] = row["n"]
    return dict(result)


def peringatan_sebaran(predikat_opd: str, jumlah: dict[str, int]) -> tuple[str, ...]:
    """The distribution rules of domain.md the staff predikat break, given the organisation predikat, in words with
    the actual figures (they warn, they do not block)."""
    from django.utils.translation import gettext as _

    from penilaian.aturan import AturanDistribusi, periksa_distribusi

    if not predikat_opd:
        return ()
    label = dict(urutan_predikat_pegawai())
    pesan = []
    for hasil in periksa_distribusi(predikat_opd, jumlah):
        if hasil.terpenuhi:
            continue
        nama = _(" atau ").join(label[str(p)] for p in hasil.predikat)
        angka = {"nama": nama, "batas": int(hasil.batas), "persen": format_angka(hasil.persen, 2)}
        angka |= {"n": hasil.jumlah, "total": hasil.total}
        if hasil.aturan is AturanDistribusi.PALING_BANYAK:
            teks = _("%(nama)s paling banyak %(batas)s%%: %(persen)s%% (%(n)s dari %(total)s)") % angka
        elif hasil.aturan is AturanDistribusi.PALING_SEDIKIT:
            teks = _("%(nama)s paling sedikit %(batas)s%%: %(persen)s%% (%(n)s dari %(total)s)") % angka
        elif hasil.aturan is AturanDistribusi.MINIMAL_SATU:
            teks = _("paling sedikit satu %(nama)s: tidak ada") % angka
        else:
            teks = _("tidak boleh ada %(nama)s: %(n)s orang") % angka
        pesan.append(teks)
    return tuple(pesan)

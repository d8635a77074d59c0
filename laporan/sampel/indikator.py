"""Sections ``periode`` (an instansi's four quarters of a year) and ``indikator`` (IKU and IKI of an OPD-year with
their quarterly targets and realisations; the stored achievements are recalculated after each section).

Realisations are written directly, not through the realisation workflow (which only accepts entries while a
period is open), with the state, actor and timestamps each would have had: entered eight days before the quarter's
default entry window closes, submitted five days before, verified two days before, returned three days before,
never later than yesterday. Their single history row carries the actor and the time of their last step.
"""

import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from .konteks import Konteks, angka, rentang, simpan
from .tempat import model, modul

STATUS_REALISASI = ("draf", "diajukan", "diverifikasi", "dikembalikan")


def muat_periode(ctx: Konteks, berkas: str, daftar: list) -> None:
    """The four periods of the year. ``buka_hari_ini`` leaves one of them open today: the most recent closed quarter
    is reopened for ``hari`` days with ``alasan`` ({tw}: its roman numeral), or early in the year TW I opens now."""
    layanan = modul("periode")
    Periode = model("Periode")
    for rec in ctx.tiap(berkas, "periode", daftar):
        instansi = ctx.instansi(rec["instansi"])
        tahun = ctx.tahun(rec["tahun"], instansi)
        sebelum = Periode.objects.filter(instansi=instansi, tahun=tahun).count()
        periode = layanan.periode_ensure_year(instansi=instansi, tahun=tahun)
        status = "dibuat" if sebelum == 0 else "tetap"
        buka = rec.get("buka_hari_ini")
        if buka:
            hari_ini = ctx.hari_ini(instansi)
            if not any(p.status_pada(hari_ini) == Periode.Status.TERBUKA for p in periode):
                admin = ctx.user(rec["oleh"])
                ditutup = [p for p in periode if p.status_pada(hari_ini) == Periode.Status.DITUTUP]
                if ditutup:
                    p = ditutup[-1]
                    layanan.periode_buka_ulang(
                        actor=admin,
                        periode=p,
                        alasan=buka["alasan"].format(tw=modul("aturan_indikator").ROMAWI[p.triwulan]),
                        ditutup_baru=hari_ini + datetime.timedelta(days=int(buka["hari"])),
                    )
                else:
                    layanan.periode_ubah_jendela(
                        actor=admin, periode=periode[0], dibuka=hari_ini, ditutup=periode[0].ditutup
                    )
                status = "diubah" if status == "tetap" else status
        ctx.catat("periode", status)


def muat_indikator(ctx: Konteks, berkas: str, daftar: list) -> None:
    """Each group: an OPD-year (``instansi``, ``opd``, ``tahun``) whose ``daftar`` lists its indicators, an IKU
    unless it names its ``pegawai`` (NIP: then an IKI). ``oleh`` sets them (history), ``pengisi`` enters, submits
    and verifies the realisations, ``pengembali`` returns them; ``bukti_bawaan`` gives the evidence text (and an
    IKU's link) of a realisation that has none."""
    Indikator = model("Indikator")
    lingkup = set()
    for grup in ctx.tiap(berkas, "indikator", daftar):
        opd = ctx.opd(grup)
        tahun = ctx.tahun(grup["tahun"], opd.instansi)
        oleh = ctx.user(grup["oleh"])
        pengisi = ctx.user(grup["pengisi"]) if grup.get("pengisi") else oleh
        pengembali = ctx.user(grup["pengembali"]) if grup.get("pengembali") else pengisi
        units = {u.kode: u for u in opd.unit_set.all()}
        lokasi = ctx.lokasi
        for nomor, ind in enumerate(grup.get("daftar", []), start=1):
            ctx.lokasi = f"{lokasi}, daftar #{nomor} ({ind.get('kode')})"
            _periksa(ind)
            indikator, status = _simpan_indikator(ctx, ind, opd=opd, tahun=tahun, units=units, oleh=oleh)
            ctx.catat("indikator", status)
            if indikator.sumber_realisasi != Indikator.SumberRealisasi.MANUAL:
                ctx.otomatis.append(indikator)
            for r in ind.get("realisasi", []):
                _simpan_realisasi(
                    ctx, indikator, ind, r, tahun=tahun, pengisi=pengisi, pengembali=pengembali, grup=grup
                )
        ctx.lokasi = lokasi
        lingkup.add((opd.instansi_id, tahun))
    hitung_ulang = modul("hitung_ulang").recalculate
    for instansi_id, tahun in sorted(lingkup):
        hitung_ulang(instansi_id=instansi_id, tahun=tahun)


def _target_triwulan(ind: dict) -> dict[int, tuple[Decimal, Decimal | None]]:
    quarters = ind.get("target_triwulan") or [ind["target"]] * 4
    if len(quarters) != 4:
        raise ValueError("target_triwulan harus berisi empat target")
    return {q: rentang(t) for q, t in enumerate(quarters, start=1)}


def _periksa(ind: dict) -> None:
    """The sample's own consistency: quarterly targets agree with the annual one, values fit the decimals, every
    value submitted under 100 % carries kendala and solusi, and a returned one its reason."""
    capaian = modul("capaian")
    tahunan = rentang(ind["target"])
    tw = _target_triwulan(ind)
    bawah = [tw[q][0] for q in range(1, 5)]
    atas = [tw[q][1] if tw[q][1] is not None else tw[q][0] for q in range(1, 5)]
    agregasi = ind.get("agregasi", "sum")
    if agregasi == "sum":
        ok = sum(bawah) == tahunan[0] and (tahunan[1] is None or sum(atas) == tahunan[1])
    elif agregasi == "average":
        ok = sum(bawah) / 4 == tahunan[0] and (tahunan[1] is None or sum(atas) / 4 == tahunan[1])
    else:
        ok = tw[4] == tahunan
    if not ok:
        raise ValueError("target triwulan tidak konsisten dengan target tahunan")
    desimal = ind.get("desimal", 2)
    for r in ind.get("realisasi", []):
        nilai = angka(r["nilai"])
        if r["status"] not in STATUS_REALISASI:
            raise ValueError(f"TW {r['triwulan']}: status {r['status']!r} tidak dikenal")
        if nilai != round(nilai, desimal):
            raise ValueError(f"TW {r['triwulan']}: {nilai} melebihi {desimal} desimal")
        hasil = capaian.hitung_capaian(
            polaritas=capaian.Polaritas(ind.get("polaritas", "maximize")),
            realisasi=nilai,
            target_bawah=tw[r["triwulan"]][0],
            target_atas=tw[r["triwulan"]][1],
        )
        kurang = hasil.status == capaian.StatusCapaian.OK and hasil.raw < 100
        if r["status"] != "draf" and kurang and not (r.get("kendala") and r.get("solusi")):
            raise ValueError(f"TW {r['triwulan']}: capaian {hasil.raw}% tanpa kendala dan solusi")
        if r["status"] == "dikembalikan" and not r.get("alasan"):
            raise ValueError(f"TW {r['triwulan']}: dikembalikan tanpa alasan")


def _cari_indikator(opd, tahun: int, ref):
    """The supported indicator: an IKU kode of the same OPD-year, or {pegawai: NIP, kode: IKI kode}."""
    Indikator = model("Indikator")
    if isinstance(ref, dict):
        return Indikator.objects.get(
            pegawai__nip=str(ref["pegawai"]), tahun=tahun, kode=ref["kode"], jenis=Indikator.Jenis.IKI
        )
    return Indikator.objects.get(opd=opd, tahun=tahun, kode=ref, jenis=Indikator.Jenis.IKU)


def _simpan_indikator(ctx: Konteks, ind: dict, *, opd, tahun: int, units: dict, oleh):
    Indikator, TargetTriwulan = model("Indikator"), model("TargetTriwulan")
    pegawai = ctx.pegawai(ind["pegawai"]) if ind.get("pegawai") else None
    if pegawai is not None and pegawai.opd_id != opd.pk:
        raise ValueError(f"pegawai {pegawai.nip} bukan pegawai {opd.kode}")
    if ind.get("unit") and ind["unit"] not in units:
        raise ValueError(f"unit {ind['unit']!r} tidak ada di {opd.kode}")
    bawah, atas = rentang(ind["target"])
    if pegawai:
        kunci = {"pegawai": pegawai, "tahun": tahun, "kode": ind["kode"], "jenis": Indikator.Jenis.IKI}
    else:
        kunci = {"opd": opd, "tahun": tahun, "kode": ind["kode"], "jenis": Indikator.Jenis.IKU}
    nilai = {
        "opd": opd,
        "instansi": opd.instansi,
        "pegawai": pegawai,
        "unit": pegawai.unit if pegawai else units.get(ind.get("unit")),
        "nama": ind["nama"],
        "definisi": ind.get("definisi", ""),
        "formula": ind.get("formula", ""),
        "satuan": ind["satuan"],
        "sumber_data": ind.get("sumber_data", ""),
        "polaritas": ind.get("polaritas", "maximize"),
        "agregasi": ind.get("agregasi", "sum"),
        "desimal": ind.get("desimal", 2),
        "bobot": angka(ind.get("bobot", 1)),
        "baseline": angka(ind["baseline"]) if ind.get("baseline") is not None else None,
        "utama": ind.get("utama", True),
        "sumber_realisasi": ind.get("sumber_realisasi", Indikator.SumberRealisasi.MANUAL),
        "induk": _cari_indikator(opd, tahun, ind["induk"]) if ind.get("induk") else None,
        "target_bawah": bawah,
        "target_atas": atas,
        "aktif": ind.get("aktif", True),
    }
    nilai = {k: v for k, v in nilai.items() if k not in kunci}
    indikator, status = simpan(Indikator, kunci, nilai, user=oleh)
    for q, (t_bawah, t_atas) in _target_triwulan(ind).items():
        _target, status_t = simpan(
            TargetTriwulan,
            {"indikator": indikator, "triwulan": q},
            {"target_bawah": t_bawah, "target_atas": t_atas},
            user=oleh,
        )
        if status == "tetap" and status_t != "tetap":
            status = "diubah"
    return indikator, status


def _waktu(ctx: Konteks, instansi, tahun: int, triwulan: int, hari_sebelum_tutup: int, jam: int, menit: int = 0):
    """A moment in the quarter's default entry window (in the instansi's zone), never later than yesterday."""
    zona = ZoneInfo(instansi.zona_waktu)
    _dibuka, ditutup = modul("aturan_indikator").jendela_bawaan(tahun, triwulan)
    hari = ditutup - datetime.timedelta(days=hari_sebelum_tutup)
    waktu = datetime.datetime.combine(hari, datetime.time(jam, menit), tzinfo=zona)
    kemarin = ctx.hari_ini(instansi) - datetime.timedelta(days=1)
    return min(waktu, datetime.datetime.combine(kemarin, datetime.time(16, 0), tzinfo=zona))


def _bukti(indikator, ind: dict, r: dict, tahun: int, grup: dict) -> tuple[str, str]:
    """The realisation's evidence: its own ``bukti``, else the group's ``bukti_bawaan`` (``teks`` for every
    indicator, ``tautan_iku`` for an IKU), filled with {tw} {triwulan} {tahun} {sumber} {arsip} {instansi} {opd}
    {kode}."""
    bawaan = grup.get("bukti_bawaan") or {}
    isian = {
        "tw": modul("aturan_indikator").ROMAWI[r["triwulan"]],
        "triwulan": r["triwulan"],
        "tahun": tahun,
        "sumber": ind.get("sumber_data") or "dokumen sumber",
        "arsip": indikator.unit or indikator.opd.nama,
        "instansi": indikator.instansi.kode,
        "opd": indikator.opd.kode.lower(),
        "kode": indikator.kode.lower(),
    }
    teks = r.get("bukti") or bawaan.get("teks", "").format(**isian)
    tautan = ""
    if indikator.jenis == model("Indikator").Jenis.IKU and bawaan.get("tautan_iku"):
        tautan = bawaan["tautan_iku"].format(**isian)
    if r["status"] != "draf" and not (teks or tautan):
        raise ValueError(f"TW {r['triwulan']}: diajukan tanpa bukti (bukti atau bukti_bawaan)")
    return tautan, teks


def _simpan_realisasi(ctx: Konteks, indikator, ind: dict, r: dict, *, tahun: int, pengisi, pengembali, grup) -> None:
    Realisasi = model("Realisasi")
    instansi, tw, status = indikator.instansi, r["triwulan"], r["status"]
    diisi_pada = _waktu(ctx, instansi, tahun, tw, 8, 10)
    diajukan_pada = _waktu(ctx, instansi, tahun, tw, 5, 14) if status != "draf" else None
    diverifikasi_pada = _waktu(ctx, instansi, tahun, tw, 2, 9, 30) if status == "diverifikasi" else None
    if status == "diverifikasi":
        oleh, pada = pengisi, diverifikasi_pada
    elif status == "dikembalikan":
        oleh, pada = pengembali, _waktu(ctx, instansi, tahun, tw, 3, 11)
    elif status == "diajukan":
        oleh, pada = pengisi, diajukan_pada
    else:
        oleh, pada = pengisi, diisi_pada
    tautan, teks = _bukti(indikator, ind, r, tahun, grup)
    realisasi, hasil = simpan(
        Realisasi,
        {"indikator": indikator, "triwulan": tw},
        {
            "nilai": angka(r["nilai"]),
            "status": status,
            "kendala": r.get("kendala", ""),
            "solusi": r.get("solusi", ""),
            "bukti_tautan": tautan,
            "bukti_teks": teks,
            "alasan_pengembalian": r.get("alasan", ""),
            "pagu": angka(r["pagu"]) if r.get("pagu") is not None else None,
            "serapan": angka(r["serapan"]) if r.get("serapan") is not None else None,
            "versi": 1,
            "diubah_oleh": oleh,
            "diajukan_pada": diajukan_pada,
            "diverifikasi_oleh": pengisi if status == "diverifikasi" else None,
            "diverifikasi_pada": diverifikasi_pada,
        },
        user=oleh,
        pada=pada,
    )
    if hasil != "tetap":
        # auto_now stamps the loading moment; the sample keeps the moment of the last step instead.
        Realisasi.objects.filter(pk=realisasi.pk).update(diubah_pada=pada)
    ctx.catat("realisasi", hasil)

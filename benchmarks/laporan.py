"""Report rendering figures for `make bench` (measured, never asserted in tests).

Renders the quarterly report (Laporan Capaian Kinerja Triwulan) of an OPD with 100 IKU and the instansi recap of 50
OPDs, the way the `reports` worker does (stored rows read, template rendered, WeasyPrint), and WeasyPrint alone on
the same finished HTML, printing for each the time and the peak Python memory (tracemalloc; a second, separate run,
so tracing does not slow the timed one) and the process's peak RSS. Target on the reference machine: each under 3 s.

Run with `make bench`, or alone: `DEBUG=1 .venv/bin/python -m benchmarks.laporan`.
"""

import gc
import io
import os
import sys
import time
import tracemalloc
from decimal import Decimal

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kinerja.settings_test")

import django  # noqa: E402

django.setup()

TAHUN = 2026
KENDALA = (
    "Blangko KTP-el dari pusat terlambat datang dan jaringan SIAK terputus beberapa hari di kecamatan; petugas "
    "perekaman juga sedang mengikuti pelatihan."
)
SOLUSI = "Mengajukan tambahan blangko, menyiapkan jaringan cadangan dan menjadwalkan layanan jemput bola pada Sabtu."


def _instansi(kode: str, nama: str):
    from opd.models import Instansi

    return Instansi.objects.create(kode=kode, nama=nama, jenis="kota", zona_waktu="Asia/Makassar", alamat="Jl. Uji 1")


def _isi_opd(opd, *, n_iku: int, n_iki: int = 0, pegawai=None) -> None:
    from evaluasi.models import Realisasi
    from indikator.models import Indikator, TargetTriwulan

    inds = Indikator.objects.bulk_create(
        [
            Indikator(
                opd=opd,
                instansi_id=opd.instansi_id,
                tahun=TAHUN,
                kode=f"IKU-{k:03d}",
                nama=f"Persentase layanan administrasi kependudukan nomor {k} yang selesai tepat waktu",
                satuan="%",
                target_bawah=Decimal(100),
                polaritas=("maximize", "minimize", "stabilize")[k % 3],
                agregasi=("sum", "average", "last")[k % 3],
            )
            for k in range(n_iku)
        ]
        + [
            Indikator(
                opd=opd,
                instansi_id=opd.instansi_id,
                pegawai=pegawai,
                jenis="iki",
                tahun=TAHUN,
                kode=f"IKI-{k:03d}",
                nama=f"Berkas terverifikasi {k}",
                satuan="dokumen",
                target_bawah=Decimal(100),
            )
            for k in range(n_iki)
        ]
    )
    TargetTriwulan.objects.bulk_create(
        TargetTriwulan(indikator=i, triwulan=q, target_bawah=Decimal(25)) for i in inds for q in range(1, 5)
    )
    Realisasi.objects.bulk_create(
        Realisasi(
            indikator=i,
            triwulan=q,
            nilai=Decimal(15 + (n * 7 + q) % 15),
            status="diverifikasi" if (n + q) % 5 else "diajukan",
            kendala=KENDALA if n % 2 else "",
            solusi=SOLUSI if n % 2 else "",
        )
        for n, i in enumerate(inds)
        for q in (1, 2)
    )


def build():
    from evaluasi.recalc import recalculate
    from opd.models import Opd, Pegawai

    satu = _instansi("bench-laporan-opd", "Pemerintah Kota Bench")
    opd = Opd.objects.create(instansi=satu, kode="DUKCAPIL", nama="Dinas Kependudukan dan Pencatatan Sipil")
    _isi_opd(opd, n_iku=100)
    recalculate(instansi_id=satu.pk, tahun=TAHUN)

    banyak = _instansi("bench-laporan-rekap", "Pemerintah Kabupaten Bench")
    for k in range(50):
        o = Opd.objects.create(instansi=banyak, kode=f"OPD{k:02d}", nama=f"Dinas Bench Nomor {k:02d}")
        pegawai = Pegawai.objects.create(
            nip=f"19800101200501{1 + k % 2}{k:03d}",
            nama=f"Pegawai {k}",
            jabatan="Analis",
            jenis_jabatan="pelaksana",
            opd=o,
        )
        _isi_opd(o, n_iku=8, n_iki=12, pegawai=pegawai)
    recalculate(instansi_id=banyak.pk, tahun=TAHUN)
    return opd, banyak


ULANG = 3  # runs per measurement; the best is printed (the machine may be shared), the median beside it


def _waktu(fn) -> tuple[float, float, float, object]:
    """(best wall-clock, median wall-clock, best CPU) seconds over ULANG runs, and the last result. CPU time is what
    this process itself spent: on a shared machine it moves much less than the wall clock."""
    times, cpu, result = [], [], None
    for _ in range(ULANG):
        gc.collect()  # leave the previous run's garbage out of this one
        start, start_cpu = time.perf_counter(), time.process_time()
        result = fn()
        times.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    times.sort()
    return times[0], times[len(times) // 2], min(cpu), result


def _puncak(fn) -> float:
    tracemalloc.start()
    try:
        fn()
        return tracemalloc.get_traced_memory()[1] / 2**20
    finally:
        tracemalloc.stop()


def _maxrss_mib() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run() -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import translation
    from pypdf import PdfReader

    from laporan import render, services
    from laporan.models import Laporan

    opd, banyak = build()
    cases = [
        (
            "quarterly report, 1 OPD × 100 IKU",
            Laporan(jenis="capaian_triwulan_opd", opd=opd, instansi=opd.instansi, triwulan=2),
        ),
        ("instansi recap, 50 OPD", Laporan(jenis="rekap_instansi", instansi=banyak, triwulan=2)),
    ]
    print()
    print(f"report rendering, the reports worker's work (WeasyPrint {_versi_weasyprint()}, {os.cpu_count()} CPUs)")
    header = f"{'':40} {'best s':>7} {'median':>7} {'CPU s':>7} {'peak MiB':>9} {'queries':>8} {'pages':>6} {'KiB':>6}"
    print(header)
    with translation.override("id"):
        for label, laporan in cases:
            laporan.tahun, laporan.bahasa, laporan.format = TAHUN, "id", "pdf"
            services.buat_isi(laporan=laporan)  # warm up: fonts, templates, imports
            with CaptureQueriesContext(connection) as ctx:
                services.buat_isi(laporan=laporan)
            html = services.html_laporan(laporan=laporan)

            def pipeline(laporan=laporan):
                return services.buat_isi(laporan=laporan)

            def alone(html=html):
                return render.pdf_dari_html(html)

            # Timings first, memory after: tracemalloc slows what it traces and is kept out of the timed runs.
            best, median, cpu, (pdf, _judul, _versi) = _waktu(pipeline)
            alone_best, alone_median, alone_cpu, pdf_alone = _waktu(alone)
            html_best, _median, html_cpu, _html = _waktu(lambda laporan=laporan: services.html_laporan(laporan=laporan))
            peak = _puncak(pipeline)
            peak_alone = _puncak(alone)
            pages = len(PdfReader(io.BytesIO(pdf)).pages)
            print(label)
            print(
                f"{'  full pipeline (data, template, PDF)':40} {best:>7.3f} {median:>7.3f} {cpu:>7.3f} {peak:>9.1f} "
                f"{len(ctx.captured_queries):>8} {pages:>6} {len(pdf) // 1024:>6}"
            )
            print(
                f"{'  WeasyPrint alone on the same HTML':40} {alone_best:>7.3f} {alone_median:>7.3f} {alone_cpu:>7.3f} "
                f"{peak_alone:>9.1f} {0:>8} {'':>6} {len(pdf_alone) // 1024:>6}"
            )
            print(f"{'  data and template alone (the HTML)':40} {html_best:>7.3f} {'':>7} {html_cpu:>7.3f}")
    print(f"process peak RSS: {_maxrss_mib():.0f} MiB")


def _versi_weasyprint() -> str:
    import weasyprint

    return weasyprint.__version__


def main() -> None:
    from django.db import connection
    from django.test.utils import setup_test_environment

    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    try:
        print(f"database: {connection.vendor}")
        run()
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    sys.exit(main())

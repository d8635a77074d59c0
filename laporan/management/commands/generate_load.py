"""Generate the synthetic load of issue 9 (seeded, repeatable, loaded in bulk) and optionally write its manifest."""

import json
import os
from dataclasses import fields
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from laporan.beban import PASSWORD_BAWAAN, DataBebanSudahAda, generate_load
from laporan.beban_data import Ukuran

BANTUAN = {
    "instansi": "Jumlah instansi (pemda).",
    "opd": "Jumlah OPD per instansi.",
    "pegawai": "Jumlah pegawai per instansi (termasuk pegawai OPD besar).",
    "indikator_per_pegawai": "Jumlah IKI setiap pegawai.",
    "iku_per_opd": "Jumlah IKU setiap OPD.",
    "pegawai_opd_besar": "Pegawai Dinas Pendidikan di instansi pertama (setiap guru punya IKI); 0 = tanpa OPD besar.",
    "iku_opd_besar": "Jumlah IKU satu OPD di instansi pertama.",
    "indikator_opd_kecil": "Jumlah indikator (IKU + IKI) tepat untuk satu OPD di instansi pertama.",
    "asn_login": "Jumlah akun ASN per instansi (bukan semua pegawai).",
    "tim_per_opd": "Jumlah akun Tim Evaluasi per OPD.",
    "pengaduan": "Jumlah pengaduan per instansi.",
    "survei": "Jumlah respons survei per instansi.",
    "tahun": "Tahun anggaran (bawaan: tahun ini).",
    "seed": "Benih acak: benih yang sama menghasilkan data yang sama.",
}


class Command(BaseCommand):
    help = "Bangkitkan data beban sintetis (instansi, OPD, pegawai, akun, indikator, realisasi, pengaduan, survei)."

    def add_arguments(self, parser):
        for f in fields(Ukuran):
            parser.add_argument(f"--{f.name.replace('_', '-')}", type=int, default=None, help=BANTUAN[f.name])
        parser.add_argument("--password", default=PASSWORD_BAWAAN, help="Kata sandi semua akun yang dibangkitkan.")
        parser.add_argument("--manifest", help="Tulis manifest JSON ke jalur ini setelah selesai.")
        parser.add_argument("--ganti", action="store_true", help="Hapus data beban sebelumnya lebih dulu.")
        parser.add_argument("--tanpa-hitung", action="store_true", help="Lewati penghitungan ulang capaian.")

    def handle(self, *args, **options):
        from django.utils import timezone

        nilai = {f.name: options[f.name] for f in fields(Ukuran) if options[f.name] is not None}
        nilai.setdefault("tahun", timezone.localdate().year)
        negatif = [k for k, v in nilai.items() if v < 0]
        if negatif:
            raise CommandError(_("Nilai tidak boleh negatif: %(opsi)s.") % {"opsi": ", ".join(negatif)})
        if nilai.get("instansi", 1) < 1 or nilai.get("opd", 1) < 1:
            raise CommandError(_("Minimal satu instansi dan satu OPD."))
        ukuran = Ukuran(**nilai)
        verbose = options["verbosity"] >= 1
        try:
            manifest = generate_load(
                ukuran,
                password=options["password"],
                ganti=options["ganti"],
                hitung=not options["tanpa_hitung"],
                log=(lambda pesan: self.stdout.write(pesan)) if verbose else (lambda _pesan: None),
            )
        except DataBebanSudahAda:
            raise CommandError(_("Data beban sudah ada di basis data ini; pakai --ganti untuk menggantinya."))
        if options["manifest"]:
            path = Path(options["manifest"])
            sementara = path.with_name(path.name + ".tmp")
            sementara.write_text(json.dumps(manifest, indent=2, ensure_ascii=False))
            os.replace(sementara, path)  # appears whole: its existence means the load is ready
        if verbose:
            self.stdout.write(
                self.style.SUCCESS(
                    _("Data beban siap: %(ind)s indikator dalam %(detik)s detik.")
                    % {"ind": manifest["jumlah"].get("indikator.Indikator", 0), "detik": manifest["detik"]["total"]}
                )
            )

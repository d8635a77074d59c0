"""Load the demo (demo/: two pemda, their OPDs, staff with valid NIPs, one login for each role, indicators,
realisations, evaluations, complaints and survey answers), or a pemda's own sample of the same format with
``--folder``. Safe to run again."""

from django.core.management.base import BaseCommand, CommandError

from laporan.sampel import SampelTidakValid, muat


class Command(BaseCommand):
    help = (
        "Muat data demo (idempoten): instansi, OPD, pegawai, akun demo untuk setiap peran, indikator, realisasi, "
        "penilaian, pengaduan dan survei. Dengan --folder: sampel pemda sendiri dalam format yang sama."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--folder",
            help="Folder berkas sampel (YAML/JSON) dalam format demo/ (docs/operations.md). Bawaan: demo/.",
        )

    def handle(self, *args, folder=None, **options):
        try:
            hasil = muat(folder)
        except SampelTidakValid as e:
            raise CommandError(str(e)) from e
        judul = "Data demo siap" if folder is None else f"Sampel {folder} dimuat"
        self.stdout.write(self.style.SUCCESS(f"{judul}: {hasil.ringkasan()}"))
        if options["verbosity"] >= 2:
            for baris in hasil.rincian():
                self.stdout.write(f"  {baris}")

"""Import staff from a CSV or .xlsx file into one instansi: the same checks and all-or-nothing rule as the web page."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from opd.impor import BerkasTidakValid, baca_berkas, pegawai_import
from opd.models import Instansi


class Command(BaseCommand):
    help = "Impor pegawai dari berkas CSV atau .xlsx ke satu instansi (semua baris atau tidak sama sekali)."

    def add_arguments(self, parser):
        parser.add_argument("--instansi", required=True, help="Kode instansi, misalnya kota-kupang.")
        parser.add_argument("berkas", help="Jalur berkas .csv atau .xlsx.")

    def handle(self, *args, **options):
        try:
            instansi = Instansi.objects.get(kode=options["instansi"])
        except Instansi.DoesNotExist:
            raise CommandError(_("Tidak ada instansi berkode %(kode)s.") % {"kode": options["instansi"]})
        path = Path(options["berkas"])
        try:
            with path.open("rb") as berkas:
                rows = baca_berkas(berkas=berkas, nama_berkas=path.name)
        except OSError as exc:
            raise CommandError(_("Berkas tidak dapat dibuka: %(galat)s") % {"galat": exc.strerror or exc})
        except BerkasTidakValid as exc:
            raise CommandError(str(exc))

        hasil = pegawai_import(instansi=instansi, rows=rows, actor=None)
        if not hasil.berhasil:
            for g in hasil.galat:
                self.stderr.write(
                    _("Baris %(baris)s, NIP %(nip)s, kolom %(kolom)s: %(pesan)s")
                    % {"baris": g.baris or "-", "nip": g.nip or "-", "kolom": g.kolom or "-", "pesan": g.pesan}
                )
            raise CommandError(
                _("Impor dibatalkan: %(n)d kesalahan. Tidak ada data yang disimpan.") % {"n": len(hasil.galat)}
            )
        self.stdout.write(
            self.style.SUCCESS(
                _("Impor selesai: %(dibuat)d pegawai baru, %(diperbarui)d diperbarui, %(sama)d tanpa perubahan.")
                % {"dibuat": hasil.dibuat, "diperbarui": hasil.diperbarui, "sama": hasil.tidak_berubah}
            )
        )

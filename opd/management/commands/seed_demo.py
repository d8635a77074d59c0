"""Load the demo: two pemda, their OPDs, staff with valid NIPs and one login for each role. Safe to run again."""

from django.core.management.base import BaseCommand
from django.db import transaction

from opd.demo import seed_organisasi


class Command(BaseCommand):
    help = "Muat data demo (idempoten): instansi, OPD, pegawai, akun demo untuk setiap peran."

    def handle(self, *args, **options):
        with transaction.atomic():
            result = seed_organisasi()
            for hook in _later_hooks():
                hook()
        self.stdout.write(self.style.SUCCESS(f"Data demo siap: {result}"))


def _later_hooks():
    """Demo data of the other apps, each loaded after the organisations exist."""
    hooks = []
    for module in ("indikator.demo", "penilaian.demo", "pengaduan.demo"):
        try:
            mod = __import__(module, fromlist=["seed"])
        except ModuleNotFoundError:
            continue
        hooks.append(mod.seed)
    return hooks

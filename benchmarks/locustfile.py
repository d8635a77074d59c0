"""The deadline rush, for locust: evaluation teams open their grid and save realisations the way the browser does (the
row's own form, its version and the CSRF token, through htmx), staff read Kinerja saya, citizens file complaints.

Run by `benchmarks/beban.py` (never on its own in a test), which writes the plan this file reads:

    BEBAN_RENCANA=path/to/rencana.json locust -f benchmarks/locustfile.py --headless ...

The plan (JSON) holds `password`, `evaluator` ([{"username", "grid"}]: the grid URL of the user's OPD), `pegawai`
([username]), `instansi` ([id]: where citizens file), `catatan` (a JSONL file: one line per save that got a success
reply, and per refused one) and `mode` ("campuran" for the mix, "trivial" for the floor: the login page alone).
Nobody waits between requests (a closed loop, as the issue measured it): throughput is what the server sustains.
Every evaluator saves only rows of their own OPD; several evaluators of one OPD may race for one row, which is the
point: the version check must refuse the stale save (409), never take it silently.
"""

import itertools
import json
import os
import random
import re
import time

import gevent
from locust import FastHttpUser, constant, task

from benchmarks.beban import baris_terbuka, token, versi_dari

RENCANA = (
    json.loads(open(os.environ["BEBAN_RENCANA"], encoding="utf-8").read()) if "BEBAN_RENCANA" in os.environ else {}
)
MODE = RENCANA.get("mode", "campuran")
_urutan = {"evaluator": itertools.count(), "pegawai": itertools.count(), "warga": itertools.count()}
_catatan = open(RENCANA["catatan"], "a", encoding="utf-8") if RENCANA.get("catatan") else None


def catat(**data) -> None:
    if _catatan is not None:
        _catatan.write(json.dumps(data) + "\n")
        _catatan.flush()


_masuk = itertools.count(1)


def _sudah_masuk(environment) -> None:
    """Everyone who logs in has: the measuring window opens now (statistics reset) and closes `durasi` later. The
    logins themselves (a deliberately slow password hash each) are outside the window; saves made before it are
    still recorded and checked."""
    if next(_masuk) == RENCANA["jumlah"]["evaluator"] + RENCANA["jumlah"]["pegawai"]:
        environment.runner.stats.reset_all()
        catat(hasil="jendela", t=time.time())
        gevent.spawn_later(RENCANA.get("durasi", 20), environment.runner.quit)


class Masuk(FastHttpUser):
    abstract = True

    def masuk(self, username: str) -> None:
        halaman = self.client.get("/accounts/login/", name="login (form)")
        self.client.post(
            "/accounts/login/",
            data={"username": username, "password": RENCANA["password"], "csrfmiddlewaretoken": token(halaman.text)},
            headers={"Referer": f"{self.host}/accounts/login/"},
            name="login",
        )
        _sudah_masuk(self.environment)


if MODE == "trivial":

    class Trivial(FastHttpUser):
        """The floor: a trivial page (the login form: a template, no query), on the same server in the same run."""

        wait_time = constant(0)

        @task
        def halaman_masuk(self):
            self.client.get("/accounts/login/", name="login page (floor)")

else:

    class Evaluator(Masuk):
        fixed_count = RENCANA.get("jumlah", {}).get("evaluator", 20)
        wait_time = constant(0)

        def on_start(self):
            akun = RENCANA["evaluator"][next(_urutan["evaluator"]) % len(RENCANA["evaluator"])]
            self.username, self.grid = akun["username"], akun["grid"]
            self.masuk(self.username)
            self.baris: list[dict] = []
            self.csrf = ""

        @task
        def buka_dan_simpan(self):
            with self.client.get(self.grid, name="grid (open)", catch_response=True) as r:
                if r.status_code != 200:
                    r.failure(f"grid {r.status_code}")
                    return
                self.csrf = token(r.text)
                self.baris = baris_terbuka(r.text)
            # A few rows per opening of the grid, one after another, as a person types them.
            for _ in range(3):
                if not self.baris:
                    return
                self.simpan(random.choice(self.baris))

        def simpan(self, baris: dict) -> None:
            # Whole numbers: valid whatever number of decimals the indicator allows.
            nilai = str(random.randint(0, 400))
            data = dict(baris["data"])
            data[baris["nilai"]] = nilai
            for k in data:
                if k.endswith("-kendala") and not data[k].strip():
                    data[k] = "Beban uji: data masuk terlambat dari bidang."
                elif k.endswith("-solusi") and not data[k].strip():
                    data[k] = "Beban uji: tindak lanjut dengan bidang terkait."
            data["aksi"] = "simpan"
            data.setdefault("csrfmiddlewaretoken", self.csrf)
            headers = {
                "HX-Request": "true",
                "HX-Target": f"baris-{baris['indikator']}",
                "X-CSRFToken": data.get("csrfmiddlewaretoken") or self.csrf,
                "Referer": f"{self.host}{self.grid}",
            }
            with self.client.post(
                baris["url"], data=data, headers=headers, name="grid (save row)", catch_response=True
            ) as r:
                waktu = time.time()
                if r.status_code == 200:
                    versi = versi_dari(r.text, baris["indikator"])
                    catat(
                        hasil="ok",
                        username=self.username,
                        indikator=baris["indikator"],
                        triwulan=baris["triwulan"],
                        nilai=nilai,
                        versi=versi,
                        t=waktu,
                    )
                    r.success()
                    if versi is not None:  # the next save of this row starts from the version just saved
                        for k in list(baris["data"]):
                            if k.endswith("-versi"):
                                baris["data"][k] = str(versi)
                        baris["data"][baris["nilai"]] = nilai
                elif r.status_code == 409:
                    # Refused as stale: the right answer when someone else saved first. Reload before trying again.
                    catat(
                        hasil="basi",
                        username=self.username,
                        indikator=baris["indikator"],
                        triwulan=baris["triwulan"],
                        t=waktu,
                    )
                    r.success()
                    self.baris = [b for b in self.baris if b is not baris]
                else:
                    alasan = re.search(r"(?:invalid-feedback|alert-danger)[^>]*>\s*([^<]{1,120})", r.text or "")
                    r.failure(f"save {r.status_code}: {alasan.group(1).strip() if alasan else ''}")

    class Pegawai(Masuk):
        fixed_count = RENCANA.get("jumlah", {}).get("pegawai", 20)
        wait_time = constant(0)

        def on_start(self):
            daftar = RENCANA["pegawai"]
            self.masuk(daftar[next(_urutan["pegawai"]) % len(daftar)])

        @task
        def kinerja_saya(self):
            with self.client.get("/kinerja/saya/", name="kinerja saya", catch_response=True) as r:
                if r.status_code != 200:
                    r.failure(f"kinerja saya {r.status_code}")

    class Warga(FastHttpUser):
        fixed_count = RENCANA.get("jumlah", {}).get("warga", 10)
        wait_time = constant(0)

        def on_start(self):
            self.nomor = next(_urutan["warga"])

        @task
        def lapor(self):
            # Each complaint from its own address (behind the deployment's proxy), as citizens file from their
            # own phones: the per-address limit of the public form is not what this test measures.
            alamat = f"10.{self.nomor}.{random.randint(0, 255)}.{random.randint(1, 254)}"
            h = {"X-Forwarded-For": alamat}
            form = self.client.get("/pengaduan/", headers=h, name="complaint (form)")
            with self.client.post(
                "/pengaduan/",
                data={
                    "csrfmiddlewaretoken": token(form.text),
                    "instansi": str(random.choice(RENCANA["instansi"])),
                    "jenis": "pengaduan",
                    "kategori": "adminduk",
                    "opd_usulan": "",
                    "judul": "Antrean KTP-el terlalu lama",
                    "isi": "Sudah tiga kali datang ke kantor kecamatan, antrean tetap tidak dilayani sebelum tutup.",
                    "lokasi": "Kantor kecamatan",
                    "situs_web": "",
                },
                headers={**h, "Referer": f"{self.host}/pengaduan/"},
                name="complaint (file)",
                allow_redirects=False,
                catch_response=True,
            ) as r:
                if r.status_code != 302 or "/pengaduan/terkirim/" not in (r.headers.get("Location") or ""):
                    r.failure(f"complaint {r.status_code}")
                    return
                r.success()
            self.client.get("/pengaduan/terkirim/", headers=h, name="complaint (sent)")

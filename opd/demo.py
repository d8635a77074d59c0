"""Demo organisations and staff (Kota Kupang in WITA, Kota Surabaya in WIB), with one login for each role."""

from django.contrib.auth import get_user_model

from .models import Instansi, Opd, Pegawai, Peran, PeranPengguna, UnitKerja

DEMO_PASSWORD = "kinerja-demo-2026"  # noqa: S105 (documented demo password)

INSTANSI = [
    {
        "kode": "kota-kupang",
        "nama": "Pemerintah Kota Kupang",
        "jenis": "kota",
        "zona_waktu": "Asia/Makassar",
        "alamat": "Jl. S.K. Lerik, Kelapa Lima, Kota Kupang, Nusa Tenggara Timur",
    },
    {
        "kode": "kota-surabaya",
        "nama": "Pemerintah Kota Surabaya",
        "jenis": "kota",
        "zona_waktu": "Asia/Jakarta",
        "alamat": "Jl. Taman Surya No. 1, Surabaya, Jawa Timur",
    },
]

# (instansi, kode, nama, singkatan, jenis, units as (kode, nama, induk kode))
OPD = [
    (
        "kota-kupang",
        "DINKES",
        "Dinas Kesehatan",
        "Dinkes",
        "dinas",
        [
            ("SEK", "Sekretariat", None),
            ("YANKES", "Bidang Pelayanan Kesehatan", None),
            ("PKM-OEBOBO", "UPTD Puskesmas Oebobo", "YANKES"),
            ("P2P", "Bidang Pencegahan dan Pengendalian Penyakit", None),
        ],
    ),
    (
        "kota-kupang",
        "DUKCAPIL",
        "Dinas Kependudukan dan Pencatatan Sipil",
        "Dukcapil",
        "dinas",
        [
            ("SEK", "Sekretariat", None),
            ("PDP", "Bidang Pelayanan Pendaftaran Penduduk", None),
            ("IDP", "Seksi Identitas Penduduk", "PDP"),
            ("CAPIL", "Bidang Pelayanan Pencatatan Sipil", None),
        ],
    ),
    (
        "kota-kupang",
        "DISDIK",
        "Dinas Pendidikan dan Kebudayaan",
        "Disdik",
        "dinas",
        [
            ("SEK", "Sekretariat", None),
            ("SD", "Bidang Pembinaan Sekolah Dasar", None),
            ("SMP", "Bidang Pembinaan Sekolah Menengah Pertama", None),
        ],
    ),
    (
        "kota-kupang",
        "DPMPTSP",
        "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu",
        "DPMPTSP",
        "dinas",
        [("SEK", "Sekretariat", None), ("PERIZINAN", "Bidang Pelayanan Perizinan", None)],
    ),
    (
        "kota-kupang",
        "KEC-MAULAFA",
        "Kecamatan Maulafa",
        "Kec. Maulafa",
        "kecamatan",
        [
            ("SEK", "Sekretariat Kecamatan", None),
            ("PEM", "Seksi Pemerintahan", None),
            ("PELAYANAN", "Seksi Pelayanan Umum", None),
        ],
    ),
    (
        "kota-surabaya",
        "DINKES",
        "Dinas Kesehatan",
        "Dinkes Surabaya",
        "dinas",
        [
            ("SEK", "Sekretariat", None),
            ("YANKES", "Bidang Pelayanan Kesehatan", None),
            ("PKM-KETABANG", "UPTD Puskesmas Ketabang", "YANKES"),
        ],
    ),
]

# Staff per OPD: (key, nama, gelar depan, gelar belakang, jabatan, jenis, golongan, status, unit, atasan key, sex)
STAFF = {
    ("kota-kupang", "DINKES"): [
        (
            "kadis",
            "Maria Goreti Seran",
            "dr.",
            "M.Kes",
            "Kepala Dinas Kesehatan",
            "struktural",
            "IV/c",
            "pns",
            None,
            None,
            2,
        ),
        ("sek", "Yohanes Bria", "", "S.KM., M.M", "Sekretaris Dinas", "struktural", "IV/a", "pns", "SEK", "kadis", 1),
        (
            "kabid",
            "Agustina Ndun",
            "drg.",
            "",
            "Kepala Bidang Pelayanan Kesehatan",
            "struktural",
            "IV/a",
            "pns",
            "YANKES",
            "kadis",
            2,
        ),
        (
            "kapkm",
            "Frans Lado",
            "dr.",
            "",
            "Kepala UPTD Puskesmas Oebobo",
            "struktural",
            "III/d",
            "pns",
            "PKM-OEBOBO",
            "kabid",
            1,
        ),
        (
            "perawat",
            "Ni Luh Putu Ayu",
            "",
            "S.Kep., Ns",
            "Perawat Ahli Pertama",
            "fungsional",
            "III/a",
            "pns",
            "PKM-OEBOBO",
            "kapkm",
            2,
        ),
        (
            "bidan",
            "Kristina Lay",
            "",
            "A.Md.Keb",
            "Bidan Terampil",
            "fungsional",
            "II/c",
            "pns",
            "PKM-OEBOBO",
            "kapkm",
            2,
        ),
        ("admin", "Daniel Tefa", "", "", "Pengadministrasi Umum", "pelaksana", "VII", "pppk", "SEK", "sek", 1),
    ],
    ("kota-kupang", "DUKCAPIL"): [
        (
            "kadis",
            "Lodowyk Fanggidae",
            "",
            "S.H., M.Si",
            "Kepala Dinas Kependudukan dan Pencatatan Sipil",
            "struktural",
            "IV/c",
            "pns",
            None,
            None,
            1,
        ),
        ("sek", "Yuliana Benu", "", "S.Sos", "Sekretaris Dinas", "struktural", "IV/a", "pns", "SEK", "kadis", 2),
        (
            "kabid",
            "Marthen Luther Nalle",
            "",
            "S.STP., M.Si",
            "Kepala Bidang Pelayanan Pendaftaran Penduduk",
            "struktural",
            "IV/a",
            "pns",
            "PDP",
            "kadis",
            1,
        ),
        (
            "kasi",
            "Ester Manafe",
            "",
            "S.E",
            "Kepala Seksi Identitas Penduduk",
            "struktural",
            "III/d",
            "pns",
            "IDP",
            "kabid",
            2,
        ),
        (
            "operator",
            "Yosef Bani",
            "",
            "A.Md",
            "Operator Layanan Operasional KTP-el",
            "pelaksana",
            "II/d",
            "pns",
            "IDP",
            "kasi",
            1,
        ),
        (
            "verifikator",
            "Selfina Ratu",
            "",
            "S.Kom",
            "Pranata Komputer Ahli Pertama",
            "fungsional",
            "III/a",
            "pns",
            "IDP",
            "kasi",
            2,
        ),
        (
            "kabidcapil",
            "Hendrik Tallo",
            "",
            "S.H",
            "Kepala Bidang Pelayanan Pencatatan Sipil",
            "struktural",
            "IV/a",
            "pns",
            "CAPIL",
            "kadis",
            1,
        ),
        (
            "capil",
            "Oktaviana Lette",
            "",
            "",
            "Pengelola Data Pencatatan Sipil",
            "pelaksana",
            "V",
            "pppk",
            "CAPIL",
            "kabidcapil",
            2,
        ),
    ],
    ("kota-kupang", "DISDIK"): [
        (
            "kadis",
            "Dumuliahi Djami",
            "Dr.",
            "S.Pd., M.Pd",
            "Kepala Dinas Pendidikan dan Kebudayaan",
            "struktural",
            "IV/c",
            "pns",
            None,
            None,
            1,
        ),
        (
            "kabid",
            "Imelda Kana",
            "",
            "S.Pd., M.M",
            "Kepala Bidang Pembinaan SD",
            "struktural",
            "IV/a",
            "pns",
            "SD",
            "kadis",
            2,
        ),
        (
            "pengawas",
            "Ignasius Kolo",
            "",
            "S.Pd",
            "Pengawas Sekolah Ahli Madya",
            "fungsional",
            "IV/b",
            "pns",
            "SD",
            "kabid",
            1,
        ),
        ("staf", "Rambu Ana", "", "S.Pd", "Analis Kurikulum", "pelaksana", "III/b", "pns", "SD", "kabid", 2),
    ],
    ("kota-kupang", "DPMPTSP"): [
        ("kadis", "Thomas Ola", "", "S.E., M.Si", "Kepala DPMPTSP", "struktural", "IV/c", "pns", None, None, 1),
        (
            "kabid",
            "Margaretha Tokan",
            "",
            "S.H",
            "Kepala Bidang Pelayanan Perizinan",
            "struktural",
            "IV/a",
            "pns",
            "PERIZINAN",
            "kadis",
            2,
        ),
        ("analis", "Petrus Kase", "", "S.IP", "Analis Perizinan", "pelaksana", "III/a", "pns", "PERIZINAN", "kabid", 1),
        (
            "front",
            "Anita Sabu",
            "",
            "",
            "Petugas Front Office Perizinan",
            "pelaksana",
            "IV",
            "pppk",
            "PERIZINAN",
            "kabid",
            2,
        ),
    ],
    ("kota-kupang", "KEC-MAULAFA"): [
        ("camat", "Yeheskial Loudoe", "", "S.STP", "Camat Maulafa", "struktural", "IV/a", "pns", None, None, 1),
        (
            "sekcam",
            "Rosalinda Tae",
            "",
            "S.Sos",
            "Sekretaris Kecamatan",
            "struktural",
            "III/d",
            "pns",
            "SEK",
            "camat",
            2,
        ),
        (
            "kasipel",
            "Arnoldus Nope",
            "",
            "S.H",
            "Kepala Seksi Pelayanan Umum",
            "struktural",
            "III/c",
            "pns",
            "PELAYANAN",
            "camat",
            1,
        ),
        (
            "staf",
            "Febi Lasi",
            "",
            "",
            "Pengadministrasi Pelayanan",
            "pelaksana",
            "II/b",
            "pns",
            "PELAYANAN",
            "kasipel",
            2,
        ),
    ],
    ("kota-surabaya", "DINKES"): [
        (
            "kadis",
            "Nanik Sukristina",
            "dr.",
            "M.Kes",
            "Kepala Dinas Kesehatan",
            "struktural",
            "IV/c",
            "pns",
            None,
            None,
            2,
        ),
        (
            "kabid",
            "Bambang Prasetyo",
            "dr.",
            "",
            "Kepala Bidang Pelayanan Kesehatan",
            "struktural",
            "IV/a",
            "pns",
            "YANKES",
            "kadis",
            1,
        ),
        (
            "kapkm",
            "Siti Rahmawati",
            "dr.",
            "",
            "Kepala UPTD Puskesmas Ketabang",
            "struktural",
            "III/d",
            "pns",
            "PKM-KETABANG",
            "kabid",
            2,
        ),
        (
            "perawat",
            "Agus Santoso",
            "",
            "S.Kep., Ns",
            "Perawat Ahli Muda",
            "fungsional",
            "III/c",
            "pns",
            "PKM-KETABANG",
            "kapkm",
            1,
        ),
    ],
}

# One login for each role: (username, first name, last name, role, instansi kode or None, opd kode or None, staff key)
LOGINS = [
    ("bkn", "Admin", "Kanreg BKN Kupang", Peran.ADMIN_BKN, ["kota-kupang", "kota-surabaya"], None, None),
    ("admin.kupang", "Admin", "Pemkot Kupang", Peran.ADMIN_INSTANSI, ["kota-kupang"], None, None),
    ("admin.surabaya", "Admin", "Pemkot Surabaya", Peran.ADMIN_INSTANSI, ["kota-surabaya"], None, None),
    ("pimpinan.dukcapil", "Lodowyk", "Fanggidae", Peran.PIMPINAN_OPD, None, ("kota-kupang", "DUKCAPIL"), "kadis"),
    ("tim.dukcapil", "Yuliana", "Benu", Peran.TIM_EVALUASI, None, ("kota-kupang", "DUKCAPIL"), "sek"),
    ("tim.dinkes", "Yohanes", "Bria", Peran.TIM_EVALUASI, None, ("kota-kupang", "DINKES"), "sek"),
    ("petugas.kupang", "Petugas", "Pengaduan Kupang", Peran.PETUGAS_PENGADUAN, ["kota-kupang"], None, None),
    ("asn.dukcapil", "Yosef", "Bani", Peran.ASN, None, ("kota-kupang", "DUKCAPIL"), "operator"),
]


def demo_nip(*, index: int, sex: int, pns: bool) -> str:
    """A valid, deterministic NIP: birth date, appointment YYYYMM, gender digit, serial."""
    year = 1968 + (index * 7) % 27
    month = 1 + (index * 5) % 12
    day = 1 + (index * 11) % 28
    tmt_year = max(year + 22, 1995) + index % 5
    tmt_month = 1 + (index * 3) % 12 if pns else 1 + index % 12
    return f"{year:04d}{month:02d}{day:02d}{tmt_year:04d}{tmt_month:02d}{sex}{index % 1000:03d}"


def seed_organisasi() -> str:
    instansi = {}
    for data in INSTANSI:
        obj, _ = Instansi.objects.update_or_create(kode=data["kode"], defaults=data)
        instansi[data["kode"]] = obj
    opds = {}
    for inst_kode, kode, nama, singkatan, jenis, units in OPD:
        opd, _ = Opd.objects.update_or_create(
            instansi=instansi[inst_kode], kode=kode, defaults={"nama": nama, "singkatan": singkatan, "jenis": jenis}
        )
        opds[(inst_kode, kode)] = opd
        unit_objs = {}
        for u_kode, u_nama, induk in units:
            unit_objs[u_kode], _ = UnitKerja.objects.update_or_create(
                opd=opd, kode=u_kode, defaults={"nama": u_nama, "induk": unit_objs.get(induk)}
            )
        opd.demo_units = unit_objs

    staff = {}
    index = 0
    for key, rows in STAFF.items():
        opd = opds[key]
        for s_key, nama, depan, belakang, jabatan, jenis, gol, status, unit, atasan, sex in rows:
            index += 1
            nip = demo_nip(index=index, sex=sex, pns=status == "pns")
            pegawai, _ = Pegawai.objects.update_or_create(
                nip=nip,
                defaults={
                    "nama": nama,
                    "gelar_depan": depan,
                    "gelar_belakang": belakang,
                    "jabatan": jabatan,
                    "jenis_jabatan": jenis,
                    "golongan": gol,
                    "status": status,
                    "opd": opd,
                    "unit": opd.demo_units.get(unit) if unit else None,
                    "atasan": staff.get((key, atasan)) if atasan else None,
                },
            )
            pegawai.full_clean()
            staff[(key, s_key)] = pegawai
        kepala = staff[(key, rows[0][0])]
        if opd.kepala_id != kepala.pk:
            opd.kepala = kepala
            opd.save(update_fields=["kepala"])

    User = get_user_model()
    for username, first, last, peran, inst_kodes, opd_key, staff_key in LOGINS:
        user, created = User.objects.get_or_create(username=username, defaults={"first_name": first, "last_name": last})
        if created:
            user.set_password(DEMO_PASSWORD)
        user.email = f"{username}@demo.kinerja.id"
        user.is_staff = peran in (Peran.ADMIN_BKN, Peran.ADMIN_INSTANSI)
        user.save()
        if peran == Peran.ASN:
            PeranPengguna.objects.get_or_create(user=user, peran=peran, instansi=None, opd=None)
        elif opd_key:
            PeranPengguna.objects.get_or_create(
                user=user, peran=peran, opd=opds[opd_key], instansi=opds[opd_key].instansi
            )
        else:
            for kode in inst_kodes:
                PeranPengguna.objects.get_or_create(user=user, peran=peran, instansi=instansi[kode], opd=None)
        if staff_key:
            pegawai = staff[(opd_key, staff_key)]
            if pegawai.user_id != user.pk:
                pegawai.user = user
                pegawai.save(update_fields=["user"])
    return f"{len(instansi)} instansi, {len(opds)} OPD, {len(staff)} pegawai, {len(LOGINS)} akun demo"

"""What a user may see and do: their roles and scopes, read once per request and kept on the user object."""

from dataclasses import dataclass, field

from django.db.models import Q

from .models import Peran


@dataclass(frozen=True)
class Lingkup:
    user_id: int | None
    superuser: bool = False
    bkn_instansi: frozenset[int] = frozenset()
    admin_instansi: frozenset[int] = frozenset()
    petugas_instansi: frozenset[int] = frozenset()
    pimpinan_opd: frozenset[int] = frozenset()
    tim_opd: frozenset[int] = frozenset()
    opd_role_instansi: frozenset[int] = frozenset()
    pegawai_id: int | None = None
    pegawai_opd_id: int | None = None
    pegawai_instansi_id: int | None = None
    peran: frozenset[str] = field(default_factory=frozenset)

    # -- reading -------------------------------------------------------------------------------------------------
    @property
    def instansi_penuh(self) -> frozenset[int]:
        """Instansi whose every OPD this user may read."""
        return self.bkn_instansi | self.admin_instansi | self.petugas_instansi

    @property
    def opd_penuh(self) -> frozenset[int]:
        """OPDs this user may read because of an OPD-scoped role."""
        return self.pimpinan_opd | self.tim_opd

    @property
    def instansi_terkait(self) -> frozenset[int]:
        ids = self.instansi_penuh | self.opd_role_instansi
        if self.pegawai_instansi_id:
            ids |= {self.pegawai_instansi_id}
        return ids

    @property
    def instansi_kerja(self) -> frozenset[int]:
        """Instansi the user works in: their instansi and OPD roles and their own staff record (not what Admin BKN
        oversees)."""
        ids = self.admin_instansi | self.petugas_instansi | self.opd_role_instansi
        if self.pegawai_instansi_id:
            ids |= {self.pegawai_instansi_id}
        return ids

    def opd_q(self, prefix: str = "") -> Q:
        """A filter on OPD rows (or, with a prefix such as 'opd__', on rows that belong to an OPD)."""
        if self.superuser:
            return Q()
        return Q(**{f"{prefix}instansi_id__in": self.instansi_penuh}) | Q(**{f"{prefix}id__in": self.opd_penuh})

    def can_read_opd(self, opd_id: int, instansi_id: int) -> bool:
        return self.superuser or instansi_id in self.instansi_penuh or opd_id in self.opd_penuh

    # -- changing ------------------------------------------------------------------------------------------------
    def is_admin_instansi(self, instansi_id: int | None = None) -> bool:
        if self.superuser:
            return True
        return bool(self.admin_instansi) if instansi_id is None else instansi_id in self.admin_instansi

    def can_enter_realisasi(self, opd_id: int, instansi_id: int) -> bool:
        """The OPD's evaluation team enters and verifies; an Admin Instansi may stand in for it."""
        return self.superuser or opd_id in self.tim_opd or instansi_id in self.admin_instansi

    def has(self, *roles: str) -> bool:
        return self.superuser or bool(self.peran.intersection(roles))

    @property
    def is_staff_user(self) -> bool:
        """Users who work inside an OPD or above it (not only as an ASN seeing their own)."""
        return self.superuser or bool(self.peran - {Peran.ASN})


ANONIM = Lingkup(user_id=None)


def get_lingkup(user) -> Lingkup:
    """The user's scope; computed with two queries at most and cached on the user object for the request."""
    if user is None or not user.is_authenticated:
        return ANONIM
    cached = getattr(user, "_kinerja_lingkup", None)
    if cached is not None:
        return cached
    from .models import Pegawai, PeranPengguna

    sets: dict[str, set[int]] = {p: set() for p in Peran.values}
    opd_role_instansi: set[int] = set()
    for peran, instansi_id, opd_id in PeranPengguna.objects.filter(user=user).values_list(
        "peran", "instansi_id", "opd_id"
    ):
        if opd_id:
            sets[peran].add(opd_id)
            if instansi_id:
                opd_role_instansi.add(instansi_id)
        elif instansi_id:
            sets[peran].add(instansi_id)
    roles = {p for p, ids in sets.items() if ids}
    pegawai = Pegawai.objects.filter(user=user, aktif=True).values_list("id", "opd_id", "opd__instansi_id").first()
    if pegawai:
        roles.add(Peran.ASN)
    lingkup = Lingkup(
        user_id=user.pk,
        superuser=user.is_superuser,
        bkn_instansi=frozenset(sets[Peran.ADMIN_BKN]),
        admin_instansi=frozenset(sets[Peran.ADMIN_INSTANSI]),
        petugas_instansi=frozenset(sets[Peran.PETUGAS_PENGADUAN]),
        pimpinan_opd=frozenset(sets[Peran.PIMPINAN_OPD]),
        tim_opd=frozenset(sets[Peran.TIM_EVALUASI]),
        opd_role_instansi=frozenset(opd_role_instansi),
        pegawai_id=pegawai[0] if pegawai else None,
        pegawai_opd_id=pegawai[1] if pegawai else None,
        pegawai_instansi_id=pegawai[2] if pegawai else None,
        peran=frozenset(roles),
    )
    user._kinerja_lingkup = lingkup
    return lingkup

"""The OpenAPI 3 schema (drf-spectacular): each list's filter parameters, the token's security scheme, and the error
answers every endpoint may give, so that a client (and the schema test) knows every response's shape."""

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.openapi import AutoSchema

GALAT = {
    "type": "object",
    "properties": {"detail": {"type": "string"}},
    "required": ["detail"],
}
GALAT_ISIAN = {
    "type": "object",
    "description": "Parameter yang tidak dapat dibaca, masing-masing dengan pesannya.",
    "additionalProperties": {"type": "array", "items": {"type": "string"}},
}
JAWABAN_GALAT = {
    "400": ("Parameter tidak valid.", "GalatIsian"),
    "401": ("Tanpa token, token tidak dikenal, atau token sudah dicabut.", "Galat"),
    "404": ("Tidak ada, milik instansi lain, atau kursor yang tidak dikenal.", "Galat"),
    "429": ("Terlalu banyak permintaan untuk token ini; coba lagi setelah Retry-After detik.", "Galat"),
}


class SkemaApi(AutoSchema):
    def get_override_parameters(self):
        parameters = super().get_override_parameters()
        filter_class = getattr(self.view, "filter_class", None)
        if filter_class is not None and self._is_list_view():
            parameters = [*parameters, filter_class]
        return parameters


class TokenScheme(OpenApiAuthenticationExtension):
    target_class = "api.auth.TokenAuthentication"
    name = "token"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "Kunci token API dari halaman Token API (Admin Instansi): `Authorization: Bearer <kunci>`.",
        }


def tambah_galat(result, generator, request, public):
    """Add the error answers to every operation of the API (and their two shapes to the components)."""
    schemas = result.setdefault("components", {}).setdefault("schemas", {})
    schemas["Galat"] = GALAT
    schemas["GalatIsian"] = GALAT_ISIAN
    for path, operasi in result.get("paths", {}).items():
        if not path.startswith("/api/v1/") or "/schema" in path:
            continue
        for op in operasi.values():
            for kode, (uraian, skema) in JAWABAN_GALAT.items():
                op["responses"].setdefault(
                    kode,
                    {
                        "description": uraian,
                        "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{skema}"}}},
                    },
                )
    return result

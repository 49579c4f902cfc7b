"""meshbgp with the MRT update log on (`mrt.updates`, docs/mrt.md): every
UPDATE received goes to a file in the lab directory, rotated every 60 s;
what the log costs is this row against `meshbgp`."""

from __future__ import annotations

from .meshbgp import Meshbgp


class MeshbgpMrt(Meshbgp):
    name = "meshbgp-mrt"

    def config(self) -> str:
        return super().config() + "\n".join([
            "mrt:",
            "  updates:",
            f'    file: "{self.path("updates.%Y%m%d.%H%M%S.mrt")}"',
            "    interval: 60s",
            "",
        ])

"""The one route shape every peer's view is normalized to, and what a route
announced by one client must look like at the others.

A route table is {prefix: route}, a route is a plain dict:
  {"next_hop": "10.0.0.12", "as_path": [65012, 65100], "med": 10 or None,
   "communities": ["65012:1"], "ext_communities": ["rt:65012:100"],
   "large_communities": ["65012:1:1"]}
with every list of communities sorted, so that tables compare with ==."""

from __future__ import annotations

from dataclasses import dataclass


def route(next_hop: str, as_path: list[int], med: int | None = None, communities=(), ext_communities=(),
          large_communities=()) -> dict:
    return {
        "next_hop": next_hop,
        "as_path": [int(a) for a in as_path],
        "med": None if med is None else int(med),
        "communities": sorted(communities, key=_community_key),
        "ext_communities": sorted(ext_communities),
        "large_communities": sorted(large_communities, key=_community_key),
    }


def _community_key(c: str):
    return tuple(int(x) if x.isdigit() else x for x in c.split(":"))


def standard_community(value: int) -> str:
    """A 32-bit community as "high:low"."""
    return f"{value >> 16}:{value & 0xFFFF}"


def route_target(asn: int | str, value: int | str) -> str:
    return f"rt:{asn}:{value}"


@dataclass(frozen=True)
class Announcement:
    """A prefix a client originates and the attributes it sets on it.
    `prepend` ASNs follow the client's own AS in the path (GoBGP `aspath`)."""
    prefix: str
    med: int | None = None
    communities: tuple[str, ...] = ()        # "65012:1"
    ext_communities: tuple[str, ...] = ()    # "rt:65012:100" (route targets only)
    large_communities: tuple[str, ...] = ()  # "65012:1:1"
    prepend: tuple[int, ...] = ()

    def attributes_used(self) -> set[str]:
        used = set()
        for name in ("med", "communities", "ext_communities", "large_communities", "prepend"):
            if getattr(self, name) not in (None, ()):
                used.add(name)
        return used

    def as_received(self, origin_ip: str, origin_asn: int, rs_asn: int | None = None) -> dict:
        """The route another client must see: next hop and attributes untouched,
        AS path the originator's, with the RS AS first when it prepends (rs_asn)."""
        path = [origin_asn, *self.prepend]
        if rs_asn is not None:
            path = [rs_asn, *path]
        return route(origin_ip, path, self.med, self.communities, self.ext_communities, self.large_communities)

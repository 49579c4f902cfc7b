"""GETs from the route server's api.http listener, made from inside the
RS's network namespace (the listener is on the lab address, unreachable
from the root namespace), by Debian's python3 with urllib only."""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass

from .netns import Node

_SCRIPT = r"""
import base64, json, sys, urllib.error, urllib.request
try:
    with urllib.request.urlopen(sys.argv[1], timeout=float(sys.argv[2])) as r:
        status, ctype, body = r.status, r.headers.get("Content-Type", ""), r.read()
except urllib.error.HTTPError as e:
    status, ctype, body = e.code, e.headers.get("Content-Type", ""), e.read()
print(json.dumps({"status": status, "content_type": ctype, "body": base64.b64encode(body).decode()}))
"""


@dataclass
class HttpAnswer:
    status: int
    content_type: str
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", errors="replace")

    def json(self):
        return json.loads(self.body)


def http_get(node: Node, base_url: str, path: str, timeout: float = 30) -> HttpAnswer:
    out = node.exec(["/usr/bin/python3", "-c", _SCRIPT, base_url + path, str(timeout)], timeout=timeout + 10).stdout
    doc = json.loads(out)
    return HttpAnswer(doc["status"], doc["content_type"], base64.b64decode(doc["body"]))

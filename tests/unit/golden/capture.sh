#!/usr/bin/env bash
# Regenerates the golden BGP message vectors beside this script from real
# daemons. GoBGP, FRR, BIRD and OpenBGPD run in one network namespace each,
# joined by a bridge in a hub namespace, and peer in a full mesh (GoBGP and
# FRR also exchange EVPN). Each announces routes with communities, route
# targets, large communities, MED and AS-path prepends, withdraws some,
# asks for a route refresh and finally shuts one session down with an
# RFC 9003 message. dumpcap records the bridge; every BGP message a daemon
# sent is then written to <daemon>.txt as "# description" + hex lines.
#
# Usage (as root): tests/unit/golden/capture.sh [output-dir]
# Needs: gobgpd/gobgp, /usr/lib/frr/bgpd + vtysh, bird/birdc,
# /usr/sbin/bgpd + bgpctl (OpenBGPD), dumpcap, python3.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
OUT=$(mkdir -p "${1:-$HERE}" && cd "${1:-$HERE}" && pwd)
TAG=gold$$                          # unique per run: namespaces never collide
LAB=$(mktemp -d /tmp/meshbgp-golden.XXXXXX)
chmod 755 "$LAB"
HUB=${TAG}hub
NAMES=(gobgp frr bird openbgpd)
declare -A IP=([gobgp]=10.0.0.1 [frr]=10.0.0.2 [bird]=10.0.0.3 [openbgpd]=10.0.0.4)
declare -A AS=([gobgp]=65001 [frr]=65002 [bird]=4200000003 [openbgpd]=65004)
ns() { echo "${TAG}$1"; }
PIDS=()

cleanup() {
  set +e
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null; done
  sleep 1
  for pid in "${PIDS[@]}"; do kill -9 "$pid" 2>/dev/null; done
  for n in "${NAMES[@]}"; do ip netns del "$(ns "$n")" 2>/dev/null; done
  ip netns del "$HUB" 2>/dev/null
  rm -rf "$LAB"
}
trap cleanup EXIT

log() { echo "[capture] $*" >&2; }

# --- topology --------------------------------------------------------------
ip netns add "$HUB"
ip -n "$HUB" link set lo up
ip -n "$HUB" link add br0 type bridge forward_delay 0 stp_state 0
ip -n "$HUB" link set br0 up
i=0
for n in "${NAMES[@]}"; do
  i=$((i + 1))
  N=$(ns "$n")
  ip netns add "$N"
  ip -n "$N" link set lo up
  ip link add eth0 netns "$N" type veth peer name "v$i" netns "$HUB"
  ip -n "$HUB" link set "v$i" master br0
  ip -n "$HUB" link set "v$i" up
  ip -n "$N" addr add "${IP[$n]}/24" dev eth0
  ip -n "$N" link set eth0 up
  mkdir -p "$LAB/$n"
done

ip netns exec "$HUB" dumpcap -q -i br0 -f "tcp port 179" -P -w "$LAB/bgp.pcap" \
  >"$LAB/dumpcap.log" 2>&1 &
PIDS+=($!)
sleep 2

# --- configurations ----------------------------------------------------------
cat >"$LAB/gobgp/gobgpd.toml" <<EOF
[global.config]
  as = ${AS[gobgp]}
  router-id = "${IP[gobgp]}"
  port = 179
  local-address-list = ["${IP[gobgp]}"]
EOF
for peer in frr bird openbgpd; do
  cat >>"$LAB/gobgp/gobgpd.toml" <<EOF
[[neighbors]]
  [neighbors.config]
    neighbor-address = "${IP[$peer]}"
    peer-as = ${AS[$peer]}
  [neighbors.timers.config]
    connect-retry = 3
  [[neighbors.afi-safis]]
    [neighbors.afi-safis.config]
      afi-safi-name = "ipv4-unicast"
EOF
  if [ "$peer" = frr ]; then
    cat >>"$LAB/gobgp/gobgpd.toml" <<EOF
  [[neighbors.afi-safis]]
    [neighbors.afi-safis.config]
      afi-safi-name = "l2vpn-evpn"
  [neighbors.graceful-restart.config]
    enabled = true
    restart-time = 90
EOF
  fi
done

cat >"$LAB/frr/bgpd.conf" <<EOF
frr defaults traditional
hostname frr
log stdout informational
router bgp ${AS[frr]}
 bgp router-id ${IP[frr]}
 no bgp ebgp-requires-policy
 no bgp network import-check
 neighbor ${IP[gobgp]} remote-as ${AS[gobgp]}
 neighbor ${IP[bird]} remote-as ${AS[bird]}
 neighbor ${IP[openbgpd]} remote-as ${AS[openbgpd]}
 neighbor ${IP[openbgpd]} timers connect 3
 neighbor ${IP[bird]} timers connect 3
 neighbor ${IP[gobgp]} timers connect 3
 address-family ipv4 unicast
  network 10.2.0.0/24
  network 10.2.1.0/24 route-map TAG
 exit-address-family
 address-family l2vpn evpn
  neighbor ${IP[gobgp]} activate
  network 10.20.0.0/24 rd ${IP[frr]}:1 ethtag 0 label 200 esi 00:00:00:00:00:00:00:00:00:00 gwip ${IP[frr]} routermac 02:00:00:00:00:12
 exit-address-family
!
route-map TAG permit 10
 set community 65002:1 65002:2
 set extcommunity rt 65002:100
 set large-community 65002:1:1
 set metric 20
 set as-path prepend 65002 65002
!
EOF

cat >"$LAB/bird/bird.conf" <<EOF
router id ${IP[bird]};
log stderr all;
protocol device { scan time 10; }
protocol static s4 {
  ipv4;
  route 10.3.0.0/24 blackhole;
  route 10.3.1.0/24 blackhole;
}
filter tag_out {
  if net = 10.3.1.0/24 then {
    bgp_community.add((65003, 1));
    bgp_ext_community.add((rt, 65003, 100));
    bgp_large_community.add((${AS[bird]}, 1, 1));
    bgp_med = 30;
    bgp_path.prepend(${AS[bird]});
  }
  accept;
}
template bgp peers {
  local ${IP[bird]} port 179 as ${AS[bird]};
  strict bind on;
  connect retry time 3;
  enable route refresh on;
  ipv4 { import all; export filter tag_out; };
}
protocol bgp gobgp from peers { neighbor ${IP[gobgp]} as ${AS[gobgp]}; }
protocol bgp frrpeer from peers { neighbor ${IP[frr]} as ${AS[frr]}; }
protocol bgp obgpd from peers { neighbor ${IP[openbgpd]} as ${AS[openbgpd]}; }
EOF

cat >"$LAB/openbgpd/bgpd.conf" <<EOF
AS ${AS[openbgpd]}
router-id ${IP[openbgpd]}
socket "$LAB/openbgpd/bgpd.sock"
listen on ${IP[openbgpd]}
fib-update no
network 10.4.0.0/24
network 10.4.1.0/24 set { community 65004:1 ext-community rt 65004:100 large-community 65004:1:1 med 40 prepend-self 2 }
neighbor ${IP[gobgp]} {
  remote-as ${AS[gobgp]}
}
neighbor ${IP[frr]} {
  remote-as ${AS[frr]}
}
neighbor ${IP[bird]} {
  remote-as ${AS[bird]}
}
allow from any
allow to any
EOF

gobgpd -d -f "$LAB/gobgp/gobgpd.toml" >/dev/null
/usr/lib/frr/bgpd -C -Z -S -f "$LAB/frr/bgpd.conf" >/dev/null
bird -p -c "$LAB/bird/bird.conf"
mkdir -p /run/openbgpd
/usr/sbin/bgpd -n -f "$LAB/openbgpd/bgpd.conf" >/dev/null

# --- daemons -------------------------------------------------------------------
run() {  # run NAME CMD...: start CMD in NAME's namespace, remember its PID
  local n=$1
  shift
  ip netns exec "$(ns "$n")" setsid "$@" </dev/null >"$LAB/$n/out.log" 2>&1 &
  PIDS+=($!)
}
run gobgp gobgpd -f "$LAB/gobgp/gobgpd.toml" --api-hosts "unix://$LAB/gobgp/api.sock" \
  --pprof-disable -p -l warn
run frr /usr/lib/frr/bgpd -f "$LAB/frr/bgpd.conf" -Z -S -P 0 --vty_socket "$LAB/frr" \
  -i "$LAB/frr/bgpd.pid"
run bird bird -f -c "$LAB/bird/bird.conf" -s "$LAB/bird/bird.ctl" -P "$LAB/bird/bird.pid"
run openbgpd /usr/sbin/bgpd -d -f "$LAB/openbgpd/bgpd.conf"

G() { gobgp --target "unix://$LAB/gobgp/api.sock" "$@"; }
V() { vtysh --vty_socket "$LAB/frr" "$@"; }
B() { birdc -s "$LAB/bird/bird.ctl" "$@"; }
O() { bgpctl -s "$LAB/openbgpd/bgpd.sock" "$@"; }

# Waits until every daemon has all three sessions up (or gives up after 90 s).
wait_established() {
  local t
  for t in $(seq 1 90); do
    local g f b o
    g=$(G neighbor 2>/dev/null | grep -c Establ || true)
    f=$(V -c 'show bgp summary json' 2>/dev/null | grep -c '"state":"Established"' || true)
    b=$(B show protocols 2>/dev/null | grep -c Established || true)
    o=$(O show summary 2>/dev/null | awk 'NR>1 && $NF ~ /^[0-9]+$/' | wc -l || true)
    if [ "$g" -ge 3 ] && [ "$f" -ge 3 ] && [ "$b" -ge 3 ] && [ "$o" -ge 3 ]; then
      log "all sessions established after ${t}s"
      return 0
    fi
    sleep 1
  done
  log "sessions did not all come up: gobgp=$g frr=$f bird=$b openbgpd=$o"
  return 1
}
wait_established

# --- routes ----------------------------------------------------------------------
G global rib add 10.1.0.0/24 -a ipv4
G global rib add 10.1.1.0/24 nexthop "${IP[gobgp]}" community 65001:1 large-community 65001:1:1 \
  aspath 65100 med 10 -a ipv4
G global rib add 10.1.2.0/24 nexthop "${IP[gobgp]}" community 65001:2 rt 65001:7 -a ipv4
G global rib add -a evpn macadv 02:00:00:00:00:01 10.1.0.5 etag 0 label 100 \
  rd "${IP[gobgp]}:100" rt 65001:100 encap vxlan
G global rib add -a evpn multicast "${IP[gobgp]}" etag 0 rd "${IP[gobgp]}:100" rt 65001:100 \
  encap vxlan pmsi ingress-repl 100 "${IP[gobgp]}"
G global rib add -a evpn prefix 10.9.0.0/24 gw "${IP[gobgp]}" etag 0 rd "${IP[gobgp]}:100" \
  rt 65001:100 label 5000 encap vxlan router-mac 02:00:00:00:00:11
O network add 10.4.2.0/24 community 65004:2
sleep 6

# --- withdrawals and route refresh ---------------------------------------------
G global rib del 10.1.0.0/24 -a ipv4
V -c 'configure terminal' -c "router bgp ${AS[frr]}" -c 'address-family ipv4 unicast' \
  -c 'no network 10.2.0.0/24' >/dev/null
O network delete 10.4.2.0/24
B disable s4 >/dev/null
sleep 3
G neighbor "${IP[frr]}" softresetin -a ipv4 || true
V -c "clear bgp ${IP[bird]} soft in" >/dev/null || true
B reload in gobgp >/dev/null || true
O neighbor "${IP[frr]}" refresh || true
sleep 4

# --- one Cease with a shutdown communication from each daemon -----------------
G neighbor "${IP[frr]}" shutdown --reason "golden capture: gobgp" || true
V -c 'configure terminal' -c "router bgp ${AS[frr]}" \
  -c "neighbor ${IP[bird]} shutdown message golden capture: frr" >/dev/null || true
B disable obgpd '"golden capture: bird"' >/dev/null || true  # birdc wants the quotes
O neighbor "${IP[gobgp]}" down "golden capture: openbgpd" || true
sleep 3

kill -INT "${PIDS[0]}"
wait "${PIDS[0]}" 2>/dev/null || true

# --- pcap -> one file of messages per daemon ----------------------------------
python3 - "$LAB/bgp.pcap" "$OUT" <<'PY'
import struct, sys

pcap, out = sys.argv[1], sys.argv[2]
names = {"10.0.0.1": "gobgp", "10.0.0.2": "frr", "10.0.0.3": "bird", "10.0.0.4": "openbgpd"}
data = open(pcap, "rb").read()
magic = struct.unpack("<I", data[:4])[0]
endian = "<" if magic in (0xA1B2C3D4, 0xA1B23C4D) else ">"
linktype = struct.unpack(endian + "I", data[20:24])[0]
assert linktype == 1, f"unexpected link type {linktype}"
flows = {}  # (src, sport, dst, dport) -> {"isn": int, "segs": {seq: payload}, "order": n}
pos, order = 24, 0
while pos + 16 <= len(data):
    _, _, incl, _ = struct.unpack(endian + "IIII", data[pos:pos + 16])
    frame = data[pos + 16:pos + 16 + incl]
    pos += 16 + incl
    if len(frame) < 14 or frame[12:14] != b"\x08\x00":
        continue
    ip = frame[14:]
    ihl = (ip[0] & 0xF) * 4
    if ip[9] != 6:
        continue
    total = struct.unpack(">H", ip[2:4])[0]
    src = ".".join(map(str, ip[12:16]))
    dst = ".".join(map(str, ip[16:20]))
    tcp = ip[ihl:total]
    sport, dport, seq = struct.unpack(">HHI", tcp[:8])
    off = (tcp[12] >> 4) * 4
    flags = tcp[13]
    key = (src, sport, dst, dport)
    f = flows.setdefault(key, {"isn": None, "segs": {}, "order": order})
    order += 1
    if flags & 0x02:  # SYN
        f["isn"] = (seq + 1) & 0xFFFFFFFF
    payload = tcp[off:]
    if payload:
        f["segs"].setdefault(seq, payload)

def stream(f):
    if not f["segs"]:
        return b""
    base = f["isn"] if f["isn"] is not None else min(f["segs"])
    buf = bytearray()
    for seq, p in sorted(f["segs"].items(), key=lambda kv: (kv[0] - base) & 0xFFFFFFFF):
        rel = (seq - base) & 0xFFFFFFFF
        if rel > len(buf):
            print(f"[capture] hole in a TCP stream after {len(buf)} bytes", file=sys.stderr)
            break  # stop rather than guess
        buf += p[len(buf) - rel:]
    return bytes(buf)

TYPES = {1: "OPEN", 2: "UPDATE", 3: "NOTIFICATION", 4: "KEEPALIVE", 5: "ROUTE-REFRESH"}

def describe(m):
    t = m[18]
    body = m[19:]
    d = TYPES.get(t, str(t))
    if t == 1:
        asn, hold = struct.unpack(">HH", body[1:5])
        codes, p = [], body[10:10 + body[9]]
        i = 0
        while i + 2 <= len(p):
            pv = p[i + 2:i + 2 + p[i + 1]]
            j = 0
            while j + 2 <= len(pv):
                codes.append(pv[j]); j += 2 + pv[j + 1]
            i += 2 + p[i + 1]
        d += f" my_as={asn} hold={hold} capabilities={codes}"
    elif t == 2:
        wl = struct.unpack(">H", body[:2])[0]
        al = struct.unpack(">H", body[2 + wl:4 + wl])[0]
        attrs, i, a = [], 0, body[4 + wl:4 + wl + al]
        extra = ""
        while i + 3 <= len(a):
            fl, ty = a[i], a[i + 1]
            if fl & 0x10:
                ln, h = struct.unpack(">H", a[i + 2:i + 4])[0], 4
            else:
                ln, h = a[i + 2], 3
            attrs.append(ty)
            if ty in (14, 15):
                afi, safi = struct.unpack(">HB", a[i + h:i + h + 3])
                extra += f" {'mp_reach' if ty == 14 else 'mp_unreach'}={afi}/{safi}"
            i += h + ln
        nl = len(body) - 4 - wl - al
        if wl == 0 and al == 0 and nl == 0:
            d += " End-of-RIB ipv4"
        elif attrs == [15] and wl == 0 and nl == 0 and al == 6:
            d += " End-of-RIB" + extra
        else:
            d += f" withdrawn_bytes={wl} attrs={attrs} nlri_bytes={nl}{extra}"
    elif t == 3:
        d += f" {body[0]}/{body[1]}"
        if len(body) > 3 and body[0] == 6 and body[1] in (2, 4):
            d += " " + repr(body[3:3 + body[2]].decode("utf-8", "replace"))
    elif t == 5:
        afi, sub, safi = struct.unpack(">HBB", body[:4])
        d += f" {afi}/{safi} subtype={sub}"
    return d

per = {n: [] for n in names.values()}
seen = set()
for key, f in sorted(flows.items(), key=lambda kv: kv[1]["order"]):
    src, _, dst, _ = key
    if src not in names or dst not in names:
        continue
    s, i = stream(f), 0
    while i + 19 <= len(s):
        ln = struct.unpack(">H", s[i + 16:i + 18])[0]
        if s[i:i + 16] != b"\xff" * 16 or ln < 19 or i + ln > len(s):
            break
        m = s[i:i + ln]
        i += ln
        sender = names[src]
        dedupe = (sender, m[18]) if m[18] == 4 else (sender, m)
        if dedupe in seen:
            continue
        seen.add(dedupe)
        per[sender].append(f"# {sender} -> {names[dst]}: {describe(m)}\n{m.hex()}\n")

for sender, lines in per.items():
    with open(f"{out}/{sender}.txt", "w") as fh:
        fh.write(f"# BGP messages sent by {sender}, captured by capture.sh; one message per\n"
                 "# line, hex, after a '# sender -> receiver: summary' line.\n")
        fh.writelines(lines)
    kinds = sorted({l.split(": ", 1)[1].split()[0] for l in lines})
    print(f"[capture] {sender}: {len(lines)} messages {kinds}", file=sys.stderr)
PY
log "done; vectors in $OUT"

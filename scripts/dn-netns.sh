#!/usr/bin/env bash
# The data network and the UE side of `glasscore sim` / `glasscore demo` as network namespaces on this machine (issue 8).
#
#   scripts/dn-netns.sh up   [NAME] [DN_NET]   creates NAME-dn (the data network) and NAME-ue (for the simulator's TUN)
#   scripts/dn-netns.sh down [NAME]            removes both and the veth pair
#
# NAME defaults to "gc", DN_NET (the first three octets of a /24) to 10.60.0. The DN namespace gets DN_NET.2 on a veth
# whose root end is DN_NET.1, and a default route back to the root namespace, where the UPF's N6 TUN (glasscore0,
# 10.45.0.0/16) routes the UE addresses. The UE namespace starts empty: the simulator puts its TUN there, because the UE
# addresses (10.45.x.y) must not be local addresses of the root namespace (that would bypass the UPF's downlink).
# IPv6 likewise: the DN gets fd47:O2:O3::2/64 (O2.O3 = the last two octets of DN_NET), the root end fd47:O2:O3::1, and the
# UPF's TUN routes the UE IPv6 pool (glasscore0: 2001:db8:45::1/48). Addresses are added with nodad so they work at once.
# Prints "dn=<address> dn6=<address> ue_netns=<name> dn_netns=<name>". Needs root and iproute2.
set -euo pipefail
cmd="${1:-}"
name="${2:-gc}"
net="${3:-10.60.0}"
dn="${name}-dn"
ue="${name}-ue"
# Interface names are at most 15 characters.
veth_root="${name:0:10}-dn0"
veth_dn="${name:0:10}-dn1"
IFS=. read -r _ o2 o3 <<<"$net"
net6="fd47:${o2}:${o3}:"

case "$cmd" in
  up)
    if ip netns list | grep -qw "^$dn"; then
      "$0" down "$name" >/dev/null 2>&1 || true
    fi
    ip netns add "$dn"
    ip netns add "$ue"
    ip -n "$dn" link set lo up
    ip -n "$ue" link set lo up
    ip link add "$veth_root" type veth peer name "$veth_dn"
    ip link set "$veth_dn" netns "$dn"
    ip addr add "$net.1/24" dev "$veth_root"
    ip link set "$veth_root" up
    ip -n "$dn" addr add "$net.2/24" dev "$veth_dn"
    ip -n "$dn" link set "$veth_dn" up
    ip -n "$dn" route add default via "$net.1"
    ip addr add "$net6:1/64" dev "$veth_root" nodad
    ip -n "$dn" addr add "$net6:2/64" dev "$veth_dn" nodad
    ip -n "$dn" -6 route add default via "$net6:1"
    # The root namespace forwards between the UPF's N6 TUN and the veth (uplink to the DN, replies back to the TUN).
    sysctl -qw net.ipv4.ip_forward=1
    sysctl -qw net.ipv6.conf.all.forwarding=1
    echo "dn=$net.2 dn6=$net6:2 ue_netns=$ue dn_netns=$dn"
    ;;
  down)
    ip link del "$veth_root" 2>/dev/null || true
    ip netns del "$dn" 2>/dev/null || true
    ip netns del "$ue" 2>/dev/null || true
    ;;
  *)
    echo "usage: $0 up|down [NAME] [DN_NET]" >&2
    exit 2
    ;;
esac

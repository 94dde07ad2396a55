#!/usr/bin/env python3
"""Runs the neutral upfrig (../shared/tools/upfrig/bench.py) unchanged, and with --ceiling against the kernel-only
forwarder bench/upf-ceiling.c, which speaks no PFCP: the rig's PFCP client is replaced by one that hands out the
fixed tunnel the forwarder uses (UL TEID 1 at the N3 address, DL TEID as given), so both are driven by the same
paced sender, sinks and counters. Used by bench/upf.sh.

  upf-rig.py UPFRIG_DIR [--ceiling] -- BENCH_ARGS...
  upf-rig.py report UPF.json CEILING.json LABEL      # the side-by-side table
"""
import json
import os
import sys


def best(rs):
    """The step with the highest forwarded rate at <= 1 % loss, and the step with the highest forwarded rate."""
    ok = [r for r in rs if r["loss_pct"] <= 1.0]
    return (max(ok, key=lambda r: r["fwd_pps"]) if ok else None), max(rs, key=lambda r: r["fwd_pps"])


def ns_per_packet(r):
    """CPU time (utime + stime) the forwarder spent per forwarded packet over the step."""
    return r["upf_cpu_pct"] / 100 * 1e9 / r["fwd_pps"] if r and r["fwd_pps"] else float("nan")


def report(upf_path, ceiling_path, label):
    upf = json.load(open(upf_path))
    ceiling = json.load(open(ceiling_path)) if os.path.exists(ceiling_path) else []
    rig = {r["payload"]: r for r in upf if r["dir"] == "cal"}

    def cell(r):
        return "%7.1f kpps %6.3f Gbit/s" % (r["fwd_pps"] / 1e3, r["fwd_mbps_inner"] / 1e3) if r else "%25s" % "n/a"

    print("\n# %s: inner IP packets forwarded; <=1%% = best step with <= 1 %% loss; ns/pkt = forwarder CPU per packet at peak" % label)
    print("%-8s | %-25s | %-25s | %-10s | %-25s | %-25s | %-10s | %-9s | %s" % (
        "case", "UPF <=1%", "UPF peak", "UPF ns/pkt", "ceiling <=1%", "ceiling peak", "ceil ns/pkt",
        "peak ratio", "rig ceiling (plain UDP sink)"))
    for key in sorted({(r["dir"], r["payload"]) for r in upf if r["dir"] != "cal"}, key=lambda k: (k[0] != "ul", k[1])):
        u_ok, u_peak = best([r for r in upf if (r["dir"], r["payload"]) == key])
        cs = [r for r in ceiling if (r["dir"], r["payload"]) == key]
        c_ok, c_peak = best(cs) if cs else (None, None)
        ratio = "%8.0f%%" % (100 * u_peak["fwd_pps"] / c_peak["fwd_pps"]) if c_peak else "%9s" % "n/a"
        cal = rig.get(key[1])
        print("%-8s | %s | %s | %10.0f | %s | %s | %10.0f | %s | %s" % (
            "%s %dB" % (key[0].upper(), key[1]), cell(u_ok), cell(u_peak), ns_per_packet(u_peak), cell(c_ok),
            cell(c_peak), ns_per_packet(c_peak), ratio, "%.1f kpps" % (cal["sink_recv_pps"] / 1e3) if cal else "n/a"))


def main():
    argv = sys.argv[1:]
    if argv and argv[0] == "report" and len(argv) == 4:
        report(*argv[1:])
        return
    if not argv or "--" not in argv:
        raise SystemExit(__doc__)
    split = argv.index("--")
    own, rest = argv[:split], argv[split + 1:]
    rig_dir, ceiling = own[0], "--ceiling" in own[1:]
    sys.path.insert(0, rig_dir)
    import bench  # noqa: E402  (upfrig's CLI; main() reads sys.argv)
    import pfcp  # noqa: E402

    if ceiling:
        class NoPfcp:
            """Stands in for upfrig's PFCP client: the ceiling forwarder has the tunnel built in."""

            hb_answered = 0

            def __init__(self, **_):
                pass

            def associate(self):
                pass

            def establish(self, ue_ipv4, gnb_ipv4, dl_teid, upf_n3_ipv4, ul_teid=1, **_):
                return {"up_seid": 0, "ul_teid": ul_teid, "ul_addr": upf_n3_ipv4}

            def delete(self, _seid):
                return pfcp.CAUSE_ACCEPTED

            def release(self):
                pass

            def close(self):
                pass

        pfcp.PfcpClient = NoPfcp
        bench.pfcp.PfcpClient = NoPfcp
    sys.argv = [os.path.join(rig_dir, "bench.py")] + rest
    bench.main()


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Replays a live session of DOMAIN.md through POST /sessions/{id}/telemetry (NDJSON), scaled down.

The session must be LIVE. Rates are kept (pay conversion, UV value, ROI per channel, reservation-to-buyer ratio,
new-buyer share, bestsellers against a threshold scaled like the GMV, pacing 80% of the spend and 50% of the GMV in
the first 20% of the airtime); counts and money are divided by the scale; the airtime is compressed into
--airtime seconds of wall-clock time (watch times shrink with it). Event times are real: lines are sent once their
time has come (within the service's clock skew). Money is in fen (integers) until it is written.

usage: replay-session.py PROFILE URL SESSION_ID TOKEN STARTED_AT_EPOCH_MS [--airtime 60]
PROFILE: A (Session A at 1/100), B (Session B at 1/100), B0 (Session B's merchant on an ordinary day: the baseline)
"""
import json
import random
import sys
import time
import urllib.request

PROFILES = {
    # uv, buyers, gmv CNY, gmv by channel, spend by channel, reservations, new-buyer share, products (bestsellers, tail)
    "A": dict(uv=40_000, buyers=1_324, gmv=239_600, channels={"PAID_PROMOTION": 115_000, "FAN_BOOST": 84_000, "ORGANIC": 40_600},
              spend={"PAID_PROMOTION": 10_000, "FAN_BOOST": 4_000}, reservations=662, new_share=0.25, best=7, best_share=0.60, tail=30,
              watch=295),
    "B": dict(uv=8_600, buyers=256, gmv=29_600, channels={"PAID_PROMOTION": 14_000, "FAN_BOOST": 9_000, "ORGANIC": 6_600},
              spend={"PAID_PROMOTION": 2_000, "FAN_BOOST": 1_000}, reservations=150, new_share=0.25, best=3, best_share=0.75, tail=20,
              watch=180),
    "B0": dict(uv=3_000, buyers=100, gmv=10_000, channels={"PAID_PROMOTION": 4_000, "FAN_BOOST": 2_000, "ORGANIC": 4_000},
               spend={"PAID_PROMOTION": 1_000, "FAN_BOOST": 500}, reservations=60, new_share=0.20, best=2, best_share=0.5, tail=10,
               watch=150),
}


def split(total, n):
    """total (an integer) in n integer parts that sum to it exactly."""
    base, rest = divmod(total, n)
    return [base + (1 if i < rest else 0) for i in range(n)]


def iso(ms):
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(ms / 1000)) + ".%03dZ" % (ms % 1000)


def fen(amount):
    return "%d.%02d" % divmod(amount, 100)


def events(profile, session, started, airtime_ms, rnd):
    p = PROFILES[profile]
    window = airtime_ms // 5  # the first 20% of the airtime
    scale_watch = airtime_ms / (240 * 60 * 1000)  # a 240-minute session compressed into the airtime
    out = []
    n = 0

    def eid():
        nonlocal n
        n += 1
        return "%s-%s-%d" % (profile, session[:8], n)

    viewers = ["v%s-%d" % (profile, i) for i in range(p["uv"])]
    for v in viewers:
        enter = started + rnd.randrange(0, max(1, airtime_ms - 1000))
        stay = max(10, int(rnd.uniform(0.1, 1.9) * p["watch"] * 1000 * scale_watch))
        out.append((enter, {"type": "VIEWER_ENTER", "eventId": eid(), "time": iso(enter), "viewerId": v}))
        out.append((min(enter + stay, started + airtime_ms - 1), {"type": "VIEWER_LEAVE", "eventId": eid(),
                                                                  "time": iso(min(enter + stay, started + airtime_ms - 1)), "viewerId": v}))
    for i in range(p["reservations"]):
        t = started - 60_000 + i
        out.append((t, {"type": "RESERVATION", "eventId": eid(), "time": iso(t), "viewerId": viewers[i]}))
    buyers = viewers[: p["buyers"]]
    products = ["best-%d" % i for i in range(p["best"])] + ["tail-%d" % i for i in range(p["tail"])]
    # orders: one per buyer, the channels' GMV split exactly; half of the GMV in the first 20% of the airtime
    channel_of = []
    total = sum(p["channels"].values())
    for ch, gmv in p["channels"].items():
        channel_of += [ch] * round(p["buyers"] * gmv / total)
    channel_of = (channel_of + ["ORGANIC"] * p["buyers"])[: p["buyers"]]
    amounts = {}
    for ch, gmv in p["channels"].items():
        idx = [i for i, c in enumerate(channel_of) if c == ch]
        for i, a in zip(idx, split(gmv * 100, len(idx))):
            amounts[i] = a
    order_idx = list(range(p["buyers"]))
    rnd.shuffle(order_idx)
    early = set(order_idx[: len(order_idx) // 2])
    new_buyers = set(order_idx[: round(p["buyers"] * p["new_share"])])  # exactly the share, spread over the airtime
    best_orders = int(p["buyers"] * p["best_share"])
    for k, i in enumerate(order_idx):
        t = started + (rnd.randrange(0, window) if i in early else rnd.randrange(window, airtime_ms - 1))
        product = products[k % p["best"]] if k < best_orders else products[p["best"] + k % p["tail"]]
        out.append((t, {"type": "ORDER_PAID", "eventId": eid(), "time": iso(t), "orderId": "o-%s-%s-%d" % (profile, session[:8], i),
                        "buyerId": buyers[i], "newBuyer": i in new_buyers, "productId": product,
                        "amount": fen(amounts[i]), "channel": channel_of[i]}))
    # ad spend: 80% in the first 20% of the airtime, in 10 slices
    for ch, spend in p["spend"].items():
        early_fen = spend * 100 * 8 // 10
        for j, a in enumerate(split(early_fen, 5) + split(spend * 100 - early_fen, 5)):
            t = started + (j * window // 5 if j < 5 else window + (j - 5) * (airtime_ms - window) // 5)
            out.append((t, {"type": "AD_SPEND", "eventId": eid(), "time": iso(t), "channel": ch, "amount": fen(a)}))
    out.sort(key=lambda e: e[0])
    return out


def post(url, session, token, lines):
    body = ("\n".join(json.dumps(l, separators=(",", ":")) for l in lines) + "\n").encode()
    for attempt in range(20):
        req = urllib.request.Request("%s/sessions/%s/telemetry" % (url, session), data=body, method="POST",
                                     headers={"Authorization": "Bearer " + token, "Content-Type": "application/x-ndjson"})
        try:
            with urllib.request.urlopen(req, timeout=60) as r:
                result = json.load(r)
                if result["rejected"]:
                    print("rejected lines:", result["rejectedLines"][:5], file=sys.stderr)
                return result
        except urllib.error.HTTPError as e:
            if e.code != 503:
                raise SystemExit("telemetry: HTTP %d %s" % (e.code, e.read()[:500]))
            time.sleep(1 + attempt)  # the broker is down: the whole batch again (event ids make it exact)
    raise SystemExit("telemetry: the service kept answering 503")


def main():
    profile, url, session, token, started = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5])
    airtime = int(sys.argv[sys.argv.index("--airtime") + 1]) if "--airtime" in sys.argv else 60
    rnd = random.Random(profile)
    evs = events(profile, session, started, airtime * 1000, rnd)
    accepted = rejected = 0
    i = 0
    while i < len(evs):
        now = int(time.time() * 1000)
        batch = []
        while i < len(evs) and evs[i][0] <= now + 20_000 and len(batch) < 20_000:
            batch.append(evs[i][1])
            i += 1
        if batch:
            r = post(url, session, token, batch)
            accepted += r["accepted"]
            rejected += r["rejected"]
        else:
            time.sleep(0.5)
    print("replayed %s: %d events accepted, %d rejected" % (profile, accepted, rejected))
    return 0 if rejected == 0 else 1


if __name__ == "__main__":
    sys.exit(main())

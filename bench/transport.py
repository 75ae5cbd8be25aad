"""Transport bench: what firebase-admin's path costs against a raw httpx client, no database.

    .venv/bin/python bench/transport.py                  # 6,000 pushes per run, 3 rounds
    .venv/bin/python bench/transport.py --pushes 20000 --rounds 5

Against one local FCM v1 stand-in (two processes), each round runs, with 1 and then 2 client
processes: the raw client of `fanout.py` (httpx, 2 loops x 4 requests in flight, the SDK's own
payload) and `FcmTransport.send` (firebase-admin `send_each_async`, 2 loops of 500-push
batches, 4 in flight). Alternating the two within each round keeps the machine's drift off the
ratio; it prints the median rate of each and the ratio of the SDK path to the raw one.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.fanout import ACCESS_TOKEN, IN_FLIGHT, LOOPS, PROJECT, raw_client_main  # noqa: E402
from tests.fcm_standin import StandInProcesses  # noqa: E402


async def raw_client(url: str, first: int, count: int) -> float:
    """fanout.py's raw client, its elapsed seconds."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "raw.json"
        await raw_client_main(url, first, count, str(out))
        result = json.loads(out.read_text())
    assert result["failures"] == 0, result
    return float(result["elapsed"])


async def sdk_client(url: str, first: int, count: int) -> float:
    from notifications.config import PushConfig
    from notifications.models import Platform
    from notifications.transports.base import Outcome, PushMessage
    from notifications.transports.fcm import FcmTransport

    transport = FcmTransport.from_config(
        PushConfig(
            fcm_access_token=ACCESS_TOKEN,
            firebase_project_id=PROJECT,
            fcm_endpoint=url,
            fcm_max_in_flight=IN_FLIGHT,
        )
    )
    messages = [
        PushMessage(
            token=f"bench-{n:07d}",
            platform=Platform.ANDROID,
            title="您有一条新的通知公告",
            body="请打开家校共育查看",
            data={"deep_link": "homeroom://announcements/1", "category": "ANNOUNCEMENT"},
            high_priority=False,
            ttl=dt.timedelta(days=3),
            collapse_key="announcement",
        )
        for n in range(first, first + count)
    ]
    batches = iter(range(0, count, 500))

    async def loop() -> None:
        for start in batches:
            results = await transport.send(messages[start : start + 500])
            assert all(r.outcome == Outcome.OK for r in results)

    start = time.perf_counter()
    await asyncio.gather(*(loop() for _ in range(LOOPS)))
    elapsed = time.perf_counter() - start
    await transport.aclose()
    return elapsed


def run(kind: str, processes: int, url: str, pushes: int) -> float:
    """Pushes per second of `processes` client processes, each sending `pushes`."""
    args = [sys.executable, __file__, "--client", kind, "--url", url, "--pushes", str(pushes)]
    procs = [
        subprocess.Popen([*args, "--first", str(i * pushes)], stdout=subprocess.PIPE, cwd=ROOT)
        for i in range(processes)
    ]
    elapsed = [json.loads(p.communicate()[0])["elapsed"] for p in procs]
    return processes * pushes / max(elapsed)


def main(args: argparse.Namespace) -> None:
    rates: dict[tuple[str, int], list[float]] = {}
    with tempfile.TemporaryDirectory(prefix="homeroom-transport-") as tmp:
        standin = StandInProcesses(2, tmp).start()
        try:
            for _ in range(args.rounds):
                for processes in (1, 2):
                    for kind in ("raw", "sdk"):
                        rate = run(kind, processes, standin.url, args.pushes)
                        rates.setdefault((kind, processes), []).append(rate)
        finally:
            standin.stop()
    for processes in (1, 2):
        raw = statistics.median(rates[("raw", processes)])
        sdk = statistics.median(rates[("sdk", processes)])
        print(
            f"{processes} process(es): raw {raw:,.0f} msg/s, firebase-admin {sdk:,.0f} msg/s, "
            f"ratio {sdk / raw:.3f}  (runs: raw {[round(r) for r in rates[('raw', processes)]]}, "
            f"sdk {[round(r) for r in rates[('sdk', processes)]]})"
        )


def cli() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pushes", type=int, default=6000, help="per client process and run")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--client", choices=("raw", "sdk"), help=argparse.SUPPRESS)
    parser.add_argument("--url", help=argparse.SUPPRESS)
    parser.add_argument("--first", type=int, default=0, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.client:
        client = raw_client if args.client == "raw" else sdk_client
        elapsed = asyncio.run(client(args.url, args.first, args.pushes))
        print(json.dumps({"elapsed": elapsed}))
    else:
        main(args)


if __name__ == "__main__":
    cli()

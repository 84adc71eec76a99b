"""Run the fake upstream with uvicorn.

    python -m tests.fake_upstream --data tests/data/chapter/records.jsonl --port 0

prints ``READY http://127.0.0.1:PORT`` on stdout once it listens (port 0 picks a free port).
Crossref is then at ``.../crossref`` and E-utilities at ``.../eutils``.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import socket

import uvicorn

from tests.fake_upstream.app import create_app
from tests.fake_upstream.config import FakeConfig
from tests.fake_upstream.faults import InjectedConnectionReset
from tests.fake_upstream.store import Store


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m tests.fake_upstream", description=__doc__)
    parser.add_argument(
        "--data", action="append", required=True, help="JSONL file of works (repeatable)"
    )
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0, help="0 = any free port")
    parser.add_argument("--no-rate-limit", action="store_true", help="do not enforce the budgets")
    parser.add_argument("--fault-rate", type=float, default=0.0, help="chance of a fault per call")
    parser.add_argument("--seed", type=int, default=0, help="seed of the fault RNG")
    parser.add_argument("--config", default="{}", help="a JSON config patch (see config.py)")
    return parser.parse_args(argv)


def build_config(args: argparse.Namespace) -> FakeConfig:
    """The CLI flags first, then the ``--config`` JSON patch on top."""
    base = {"rate_limit": not args.no_rate_limit, "seed": args.seed, "fault_rate": args.fault_rate}
    return FakeConfig().merged(base).merged(json.loads(args.config))


class _HideInjectedResets(logging.Filter):
    """Injected connection resets are on purpose; keep their tracebacks out of the log."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not (record.exc_info and isinstance(record.exc_info[1], InjectedConnectionReset))


async def serve(args: argparse.Namespace) -> None:
    app = create_app(Store.from_jsonl(*args.data), config=build_config(args))
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((args.host, args.port))
    config = uvicorn.Config(
        app, log_level="warning", access_log=False, lifespan="off", timeout_graceful_shutdown=1
    )
    server = uvicorn.Server(config)
    logging.getLogger("uvicorn.error").addFilter(_HideInjectedResets())
    task = asyncio.create_task(server.serve(sockets=[sock]))
    # uvicorn offers no "started" event, only a flag to poll.
    while not server.started and not task.done():  # noqa: ASYNC110
        await asyncio.sleep(0.01)
    if server.started:
        host, port = sock.getsockname()[:2]
        print(f"READY http://{host}:{port}", flush=True)
    await task


def main(argv: list[str] | None = None) -> None:
    asyncio.run(serve(parse_args(argv)))


if __name__ == "__main__":
    main()

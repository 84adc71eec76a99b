"""A throwaway Debian ``redis-server`` on a free loopback port, stoppable and restartable."""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
from pathlib import Path

REDIS_SERVER = shutil.which("redis-server") or "/usr/bin/redis-server"
AVAILABLE = Path(REDIS_SERVER).exists()
SKIP_REASON = "redis-server not installed (apt-get install -y redis-server)"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class RedisServer:
    """``RedisServer().start()``; ``stop()`` and ``start()`` again keep the same port.

    With ``persist_dir`` the server keeps its data across a restart as production does (an
    append-only file, here fsynced on every write): ``RedisServer(persist_dir=tmp_path)``.
    """

    def __init__(self, *, persist_dir: Path | None = None) -> None:
        self.port = free_port()
        self.persist_dir = persist_dir
        self._process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def command(self) -> list[str]:
        """Loopback only; no persistence (``--save '' --appendonly no``) unless ``persist_dir``
        is set (``--appendonly yes --appendfsync always --dir persist_dir``)."""
        loopback = ["--port", str(self.port), "--bind", "127.0.0.1", "--save", ""]
        if self.persist_dir is None:
            return [REDIS_SERVER, *loopback, "--appendonly", "no"]
        durable = ["--appendonly", "yes", "--appendfsync", "always", "--dir", str(self.persist_dir)]
        return [REDIS_SERVER, *loopback, *durable]

    def start(self) -> RedisServer:
        self._process = subprocess.Popen(
            [*self.command()],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.2) as sock:
                    sock.sendall(b"PING\r\n")
                    if sock.recv(16).startswith(b"+PONG"):  # not -LOADING: the data is back
                        return self
            except OSError:
                pass
            time.sleep(0.05)
        raise RuntimeError(f"redis-server did not start on port {self.port}")

    def stop(self) -> None:
        if self._process is not None:
            self._process.terminate()
            self._process.wait(timeout=10)
            self._process = None

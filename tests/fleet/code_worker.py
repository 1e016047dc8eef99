"""A fleet worker process whose plugins include the replica board's adapter (the security
code after the submit click), for tests that ``kill -9`` it while it waits for a person.

Usage: ``python code_worker.py <database url> <worker name>``.
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from jobpilot.fleet.queue import Queue, QueueConfig
from jobpilot.fleet.store import FleetStore
from jobpilot.fleet.worker import Worker, WorkerConfig
from replica import plugins_with_replica_board


async def main(url: str, name: str) -> None:
    async with FleetStore(url) as store:
        queue = Queue(store, QueueConfig(lease_seconds=3.0, site_limit=10_000))
        config = WorkerConfig(
            name=name,
            concurrency=1,
            allow_hosts=("127.0.0.1",),
            allow_addresses=("127.0.0.1",),  # the replica is on loopback
            poll_interval=0.1,
            handoff_wait=300,
        )
        worker = Worker(store, queue, config, plugins=plugins_with_replica_board())
        worker.install_signal_handlers()
        await worker.run()


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], sys.argv[2]))

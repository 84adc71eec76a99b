"""The job registry: background runs, batch-by-batch results, progress, lifetime and limits."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence

import pytest

from app.jobs import Job, JobRegistry, JobStatus, TooManyJobs, batches, scaled_progress
from app.models import RawReference, Report, Result, Status
from app.resolve import ProgressCallback


def refs(n: int) -> list[RawReference]:
    return [RawReference(index=i, text=f"reference {i}") for i in range(1, n + 1)]


async def verify_all(batch: Sequence[RawReference], on_progress: ProgressCallback) -> Report:
    on_progress(len(batch) // 2, len(batch))
    return Report.from_results([Result(r.index, r.text, Status.VERIFIED) for r in batch])


async def until(condition: Callable[[], bool]) -> None:
    """Let the event loop run until ``condition`` holds (a bounded number of turns)."""
    for _ in range(1000):
        if condition():
            return
        await asyncio.sleep(0)
    raise AssertionError("condition never held")


async def finish(job: Job) -> None:
    await until(lambda: job.finished)


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.mark.parametrize(
    ("n", "size", "lengths"),
    [
        pytest.param(60, 25, [25, 25, 10], id="remainder-last"),
        pytest.param(50, 25, [25, 25], id="exact"),
        pytest.param(3, 25, [3], id="one-short-batch"),
        pytest.param(0, 25, [], id="empty"),
    ],
)
def test_batches_are_consecutive_slices(n: int, size: int, lengths: list[int]) -> None:
    parts = batches(refs(n), size)
    assert [len(p) for p in parts] == lengths
    assert [r.index for p in parts for r in p] == list(range(1, n + 1))


@pytest.mark.parametrize(
    ("before", "batch_len", "done", "total", "expected"),
    [
        pytest.param(25, 10, 3, 6, 30, id="duplicates-scaled-to-batch"),
        pytest.param(0, 25, 25, 25, 25, id="batch-complete"),
        pytest.param(0, 25, 0, 25, 0, id="nothing-settled"),
        pytest.param(50, 5, 0, 0, 50, id="empty-resolution"),
    ],
)
def test_progress_within_a_batch_is_scaled_to_its_length(
    before: int, batch_len: int, done: int, total: int, expected: int
) -> None:
    assert scaled_progress(before, batch_len, done, total) == expected


async def test_a_job_verifies_every_reference_in_order_in_batches() -> None:
    seen: list[int] = []

    async def verify(batch: Sequence[RawReference], on_progress: ProgressCallback) -> Report:
        seen.append(len(batch))
        return await verify_all(batch, on_progress)

    job = JobRegistry(batch_size=4).submit(refs(10), verify)
    await finish(job)
    assert job.status is JobStatus.DONE
    assert seen == [4, 4, 2]
    assert [r.index for r in job.results] == list(range(1, 11))
    assert (job.done, job.total) == (10, 10)


async def test_results_grow_batch_by_batch_while_running() -> None:
    release = asyncio.Event()

    async def verify(batch: Sequence[RawReference], on_progress: ProgressCallback) -> Report:
        if batch[0].index > 1:
            on_progress(1, 2)
            await release.wait()
        return await verify_all(batch, on_progress)

    job = JobRegistry(batch_size=2).submit(refs(4), verify)
    await until(lambda: job.done == 3)
    assert job.status is JobStatus.RUNNING
    assert len(job.results) == 2  # the first batch's rows; the second is half reported
    release.set()
    await finish(job)
    assert len(job.results) == 4


async def test_a_failing_verification_ends_the_job_failed_with_a_reason() -> None:
    async def broken(batch: Sequence[RawReference], on_progress: ProgressCallback) -> Report:
        raise RuntimeError("boom")

    job = JobRegistry().submit(refs(2), broken)
    await finish(job)
    assert job.status is JobStatus.FAILED
    assert job.error == "verification failed (RuntimeError); please try again"


async def test_jobs_beyond_max_running_wait_queued() -> None:
    release = asyncio.Event()

    async def slow(batch: Sequence[RawReference], on_progress: ProgressCallback) -> Report:
        await release.wait()
        return await verify_all(batch, on_progress)

    registry = JobRegistry(max_running=1)
    first, second = registry.submit(refs(1), slow), registry.submit(refs(1), slow)
    for _ in range(5):
        await asyncio.sleep(0)
    assert (first.status, second.status) == (JobStatus.RUNNING, JobStatus.QUEUED)
    release.set()
    await finish(second)
    assert second.status is JobStatus.DONE


async def test_a_finished_job_is_forgotten_after_keep_s() -> None:
    clock = FakeClock()
    registry = JobRegistry(keep_s=60, clock=clock)
    job = registry.submit(refs(1), verify_all)
    await finish(job)
    clock.now += 60
    assert registry.get(job.id) is job
    clock.now += 1
    assert registry.get(job.id) is None


async def test_when_full_the_oldest_finished_job_makes_room() -> None:
    clock = FakeClock()
    registry = JobRegistry(max_kept=2, clock=clock)
    old = registry.submit(refs(1), verify_all)
    await finish(old)
    clock.now += 1
    newer = registry.submit(refs(1), verify_all)
    await finish(newer)
    registry.submit(refs(1), verify_all)
    assert registry.get(old.id) is None
    assert registry.get(newer.id) is newer


async def test_when_every_kept_job_is_unfinished_a_new_one_is_refused() -> None:
    never = asyncio.Event()

    async def stuck(batch: Sequence[RawReference], on_progress: ProgressCallback) -> Report:
        await never.wait()
        raise AssertionError("unreachable")

    registry = JobRegistry(max_kept=1)
    registry.submit(refs(1), stuck)
    with pytest.raises(TooManyJobs, match="already queued or running"):
        registry.submit(refs(1), stuck)
    await registry.aclose()


async def test_closing_the_registry_fails_the_running_jobs() -> None:
    never = asyncio.Event()

    async def stuck(batch: Sequence[RawReference], on_progress: ProgressCallback) -> Report:
        await never.wait()
        raise AssertionError("unreachable")

    registry = JobRegistry()
    job = registry.submit(refs(1), stuck)
    await asyncio.sleep(0)
    await registry.aclose()
    assert job.status is JobStatus.FAILED
    assert job.error == "the server stopped before this job finished"


def test_job_ids_are_unguessable_and_distinct() -> None:
    async def submit_two() -> tuple[Job, Job]:
        registry = JobRegistry()
        pair = registry.submit(refs(1), verify_all), registry.submit(refs(1), verify_all)
        await registry.aclose()
        return pair

    first, second = asyncio.run(submit_two())
    assert first.id != second.id
    assert len(first.id) >= 20

"""The task runner a run's per-page work is mapped over, chosen by option.

threads (default): a thread pool in the run's process (extraction releases little of the GIL,
but the run needs no other process); processes: a local process pool; dask: a Dask LocalCluster
through prefect-dask (or the cluster at PLANGAP_DASK_ADDRESS). One writer still loads the warehouse.
"""
from __future__ import annotations

import os

from prefect.task_runners import ProcessPoolTaskRunner, TaskRunner, ThreadPoolTaskRunner

TASK_RUNNERS = ("threads", "processes", "dask")


def make_task_runner(kind: str = "threads", workers: int | None = None) -> TaskRunner:
    if kind == "threads":
        return ThreadPoolTaskRunner(max_workers=workers)
    if kind == "processes":
        return ProcessPoolTaskRunner(max_workers=workers)
    if kind == "dask":
        from prefect_dask import DaskTaskRunner

        address = os.environ.get("PLANGAP_DASK_ADDRESS")
        if address:
            return DaskTaskRunner(address=address)
        processes = os.environ.get("PLANGAP_DASK_PROCESSES", "1") != "0"  # 0: workers as threads of this process
        return DaskTaskRunner(cluster_kwargs={"n_workers": workers or os.cpu_count() or 1, "threads_per_worker": 1,
                                              "processes": processes, "dashboard_address": None})
    raise ValueError(f"unknown task runner {kind!r}: one of {', '.join(TASK_RUNNERS)}")

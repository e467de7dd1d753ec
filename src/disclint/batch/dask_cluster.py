"""``--dask tcp://scheduler:8786``: the same worker function on a Dask distributed cluster.

Files are read on the workers (a path they share with this machine, e.g. a network mount);
:func:`~disclint.batch.worker.check_file` runs there unchanged and only its small
:class:`~disclint.batch.worker.FileResult` comes back, in file order (the runner keeps a bounded
window of futures). Needs the optional extra ``disclint[dask]``.
"""

from __future__ import annotations

from typing import Any

from ..messages import Text, TextError
from .worker import FileResult, Job, check_file, internal_error


class DaskUnavailable(TextError):
    """Dask cannot be used for this run (not installed, or the scheduler cannot be reached)."""


class DaskExecutor:
    def __init__(self, address: Any, job: Job) -> None:
        """``address``: the scheduler's address, or a connected ``distributed.Client``."""
        try:
            from distributed import Client
        except ImportError:
            raise DaskUnavailable(
                Text(
                    "--dask 需要 Dask distributed：pip install 'disclint[dask]'",
                    "--dask needs Dask distributed: pip install 'disclint[dask]'",
                )
            ) from None
        self.job = job
        self._own = not _is_client(address)
        try:
            self.client = Client(address, set_as_default=False) if self._own else address
        except (OSError, TimeoutError, ValueError) as exc:
            raise DaskUnavailable(
                Text(
                    f"无法连接 Dask 调度器 {address}：{exc}",
                    f"cannot connect to the Dask scheduler {address}: {exc}",
                )
            ) from None

    def submit(self, path: str) -> Any:
        return self.client.submit(check_file, path, self.job, pure=False)

    def result(self, path: str, handle: Any) -> FileResult:
        try:
            result: FileResult = handle.result()
            return result
        except Exception as exc:  # KilledWorker, a lost connection, a bug on the worker
            return internal_error(path, self.job, f"{type(exc).__name__}: {exc}")
        finally:
            handle.release()

    def close(self) -> None:
        if self._own:
            self.client.close()


def _is_client(value: Any) -> bool:
    try:
        from distributed import Client
    except ImportError:
        return False
    return isinstance(value, Client)

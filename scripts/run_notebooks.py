"""Run notebooks top to bottom under the course's tslab kernel, headless.

Usage: python scripts/run_notebooks.py [--root DIR] [--out DIR] [--timeout S] [--json FILE] NOTEBOOK...

Why not plain `jupyter execute` / nbclient: tslab reports a failed cell with an `error` reply but
*no* `error` output (the trace goes to stderr), and it silently aborts every request that arrives
within ~200 ms after an error (reply status `abort`, no output). This runner reads the shell reply
of every cell and treats `error`, `abort`, a timeout, or any text on stderr as a failure that names
the notebook, the cell and the message. A cell tagged `raises-exception` must fail instead (the
runner then pauses so the next cell is not aborted); a cell tagged `allow-stderr` may write to
stderr.

`--root` is the repository (or a temporary copy of it) whose `jupyter/` folder holds the kernelspec;
the kernel runs from there. Executed copies are written to `--out` (default build/notebooks).
In a terminal, a progress bar (tqdm) shows the notebook, the cell running and how long it has run.
A kernel that dies (a cell calling process.exit) is reported as such. Ctrl+C stops the kernel and
says where, in one line.
Exit status: 0 when every notebook passed, 1 otherwise, 2 on bad usage, 130 after Ctrl+C.
"""

from __future__ import annotations

import argparse
import json
import os
import queue
import sys
import tempfile
import time
from pathlib import Path

KERNEL_NAME = "nn-course"
# tslab aborts requests arriving within ~200 ms of an error; the tests set 0 to provoke that.
PAUSE_AFTER_EXPECTED_ERROR_S = float(os.environ.get("NN_RUNNER_PAUSE", "0.6"))


def fail_usage(message: str) -> None:
    print(f"run_notebooks: {message}", file=sys.stderr)
    sys.exit(2)


try:
    import nbformat
    from jupyter_client.manager import KernelManager
    from tqdm import tqdm
except ImportError:  # pragma: no cover - depends on the environment
    fail_usage(
        "jupyter_client/nbformat/tqdm are missing from this Python. Run `npm run setup` first, "
        "then use the project's Python (.venv/bin/python)."
    )


class Interrupted(Exception):
    """Ctrl+C while a notebook ran: where it happened."""

    def __init__(self, where: str) -> None:
        super().__init__(where)
        self.where = where


class CellResult:
    def __init__(self) -> None:
        self.status = "ok"
        self.outputs: list[dict] = []
        self.stderr = ""
        self.error_text = ""


def first_lines(text: str, n: int = 12) -> str:
    lines = [line for line in text.strip().splitlines() if line.strip()]
    shown = lines[:n]
    if len(lines) > n:
        shown.append(f"... ({len(lines) - n} more lines)")
    return "\n".join(shown)


def run_cell(km, kc, source: str, timeout: float, tick=lambda: None) -> CellResult:
    """Execute one cell, collecting outputs the way a notebook front end would. `tick` is called
    about once a second while the cell runs (to redraw the progress bar)."""
    result = CellResult()
    msg_id = kc.execute(source, store_history=True, allow_stdin=False)
    by_display_id: dict[str, list[dict]] = {}
    deadline = time.monotonic() + timeout
    idle = False
    while not idle:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            result.status = "timeout"
            result.error_text = (
                f"no reply within {timeout:.0f} s, the limit per cell (interrupting the kernel); "
                "if the cell is only slow, allow more: npm run notebooks -- NN --timeout 900"
            )
            return result
        try:
            msg = kc.get_iopub_msg(timeout=min(remaining, 1.0))
        except queue.Empty:
            tick()
            if not km.is_alive():
                result.status = "died"
                result.error_text = (
                    "the kernel stopped while running this cell (its process exited: did the cell "
                    "call process.exit()?); the cells after it did not run"
                )
                return result
            continue
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        kind = msg["msg_type"]
        content = msg["content"]
        if kind == "status":
            idle = content["execution_state"] == "idle"
        elif kind == "stream":
            if content["name"] == "stderr":
                result.stderr += content["text"]
            last = result.outputs[-1] if result.outputs else None
            if last and last["output_type"] == "stream" and last["name"] == content["name"]:
                last["text"] += content["text"]
            else:
                result.outputs.append(
                    {"output_type": "stream", "name": content["name"], "text": content["text"]}
                )
        elif kind in ("display_data", "execute_result"):
            output = {
                "output_type": kind,
                "data": content["data"],
                "metadata": content.get("metadata", {}),
            }
            if kind == "execute_result":
                output["execution_count"] = content.get("execution_count")
            result.outputs.append(output)
            display_id = content.get("transient", {}).get("display_id")
            if display_id:
                by_display_id.setdefault(display_id, []).append(output)
        elif kind == "update_display_data":
            display_id = content.get("transient", {}).get("display_id")
            for output in by_display_id.get(display_id, []):
                output["data"] = content["data"]
                output["metadata"] = content.get("metadata", {})
        elif kind == "error":
            result.outputs.append(
                {
                    "output_type": "error",
                    "ename": content["ename"],
                    "evalue": content["evalue"],
                    "traceback": content["traceback"],
                }
            )
            result.error_text += f"{content['ename']}: {content['evalue']}\n"
        elif kind == "clear_output":
            result.outputs = []
    reply = kc.get_shell_msg(timeout=max(5.0, deadline - time.monotonic()))
    while reply["parent_header"].get("msg_id") != msg_id:
        reply = kc.get_shell_msg(timeout=5.0)
    result.status = reply["content"]["status"]
    if result.status == "error" and not result.error_text:
        ename = reply["content"].get("ename", "")
        evalue = reply["content"].get("evalue", "")
        result.error_text = f"{ename}: {evalue}".strip(": ")
    return result


def describe_failure(result: CellResult, expected_error: bool, allow_stderr: bool) -> str | None:
    if result.status in ("timeout", "died"):
        return result.error_text
    if result.status == "abort":
        return (
            "the kernel aborted this cell (tslab aborts requests that arrive just after an error)"
        )
    if expected_error:
        if result.status != "error":
            return "this cell is tagged raises-exception but it ran without an error"
        return None
    if result.status == "error":
        detail = first_lines(result.stderr) or result.error_text or "(tslab gave no message)"
        return f"error:\n{detail}"
    if result.stderr.strip() and not allow_stderr:
        return f"unexpected output on stderr:\n{first_lines(result.stderr)}"
    return None


def start_kernel(path: Path, env: dict, connection_file: str):
    """The course kernel for `path`, ready; shut down again if starting it fails or is stopped."""
    # an explicit connection file: left to itself jupyter_client writes one to the temp folder
    # and leaves it there when Ctrl+C comes during start-up
    km = KernelManager(kernel_name=KERNEL_NAME, connection_file=connection_file)
    try:
        km.start_kernel(cwd=str(path.parent), env=env)
        kc = km.client()
        kc.start_channels()
        kc.wait_for_ready(timeout=60)
        return km, kc
    except BaseException:
        if km.has_kernel:
            km.shutdown_kernel(now=True)
        km.cleanup_resources()
        raise


def run_notebook(path: Path, root: Path, out_dir: Path, timeout: float) -> dict:
    with tempfile.TemporaryDirectory(prefix="nn-kernel-") as scratch:
        return run_notebook_in(path, root, out_dir, timeout, os.path.join(scratch, "kernel.json"))


def run_notebook_in(
    path: Path, root: Path, out_dir: Path, timeout: float, connection_file: str
) -> dict:
    nb = nbformat.read(path, as_version=4)
    # The kernelspec is looked up in this process and the kernel inherits the same variable.
    os.environ["JUPYTER_PATH"] = str(root / "jupyter")
    env = dict(os.environ)
    started = time.monotonic()
    report = {"notebook": path.name, "ok": True, "failure": None, "seconds": 0.0, "cells": 0}
    try:
        km, kc = start_kernel(path, env, connection_file)
    except KeyboardInterrupt:
        raise Interrupted(f"{path.name}, while its kernel started") from None
    except Exception as exc:  # noqa: BLE001 - any start failure is reported the same way
        report.update(
            ok=False,
            failure=f"{path.name}: the '{KERNEL_NAME}' kernel did not start ({exc}). "
            "Run `npm run setup` and check that `node scripts/kernel.js` works.",
        )
        return report
    code_cells = sum(1 for c in nb.cells if c.cell_type == "code")
    # a bar in a terminal only (tqdm's disable=None): logs and tests get the one-line summaries
    bar = tqdm(total=code_cells, desc=path.name, unit="cell", leave=False, disable=None)
    code_index = 0
    try:
        for index, cell in enumerate(nb.cells, start=1):
            if cell.cell_type != "code":
                continue
            code_index += 1
            tags = set(cell.get("metadata", {}).get("tags", []))
            expected_error = "raises-exception" in tags
            first_line = cell.source.strip().splitlines()[0] if cell.source.strip() else ""
            cell_started = time.monotonic()

            def tick() -> None:
                bar.set_postfix_str(
                    f"cell {index}: {first_line[:40]} ({time.monotonic() - cell_started:.0f} s)"
                )

            tick()
            result = run_cell(km, kc, cell.source, timeout, tick)
            bar.update(1)
            cell.outputs = [nbformat.from_dict(o) for o in result.outputs]
            cell.execution_count = code_index
            report["cells"] = code_index
            failure = describe_failure(result, expected_error, "allow-stderr" in tags)
            if failure:
                report.update(
                    ok=False,
                    failure=f"{path.name}, cell {index} (code cell {code_index}: "
                    f"`{first_line[:60]}`): {failure}",
                )
                if result.status == "timeout":
                    km.interrupt_kernel()
                break
            if expected_error:
                time.sleep(PAUSE_AFTER_EXPECTED_ERROR_S)
    except KeyboardInterrupt:
        raise Interrupted(f"{path.name}, code cell {code_index}") from None
    finally:
        bar.close()
        kc.stop_channels()
        km.shutdown_kernel(now=True)
        report["seconds"] = round(time.monotonic() - started, 2)
        out_dir.mkdir(parents=True, exist_ok=True)
        nbformat.write(nb, out_dir / path.name)
    return report


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("notebooks", nargs="+", type=Path)
    parser.add_argument("--root", type=Path, default=Path(__file__).resolve().parent.parent)
    parser.add_argument("--out", type=Path, default=None)
    parser.add_argument("--timeout", type=float, default=300.0, help="seconds per cell")
    parser.add_argument("--json", type=Path, default=None, help="write the reports here")
    args = parser.parse_args()
    root = args.root.resolve()
    if not (root / "jupyter" / "kernels" / KERNEL_NAME / "kernel.json").exists():
        fail_usage(f"{root} has no jupyter/kernels/{KERNEL_NAME}/kernel.json (wrong --root?)")
    out_dir = (args.out or root / "build" / "notebooks").resolve()
    reports = []
    for path in args.notebooks:
        path = path.resolve()
        if not path.exists():
            fail_usage(f"no such notebook: {path}")
        try:
            report = run_notebook(path, root, out_dir, args.timeout)
        except (Interrupted, KeyboardInterrupt) as stop:
            where = stop.where if isinstance(stop, Interrupted) else path.name
            print(f"Stopped (Ctrl+C) in {where}; the kernel was shut down.", file=sys.stderr)
            return 130
        reports.append(report)
        mark = "ok  " if report["ok"] else "FAIL"
        print(f"{mark} {report['notebook']:<32} {report['seconds']:7.1f} s  {report['cells']} cells")
        if report["failure"]:
            print("     " + report["failure"].replace("\n", "\n     "))
        sys.stdout.flush()
    if args.json:
        args.json.write_text(json.dumps(reports, indent=2))
    print(f"executed copies: {out_dir}")
    return 0 if all(r["ok"] for r in reports) else 1


if __name__ == "__main__":
    sys.exit(main())

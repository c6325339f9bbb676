// Interrupting a grid in JupyterLab: the kernel stays up, the workers stop, the cell says why.
// tslab runs a cell's synchronous part under vm's breakOnSigint, which once made the grid's own
// SIGINT listener leave the kernel without a handler: the interrupt killed it. This drives the
// real kernel through jupyter_client, as JupyterLab's "Interrupt" button does.
import { spawnSync } from "child_process";
import { mkdtempSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { describe, expect, it } from "vitest";
import { python, root } from "./helpers";

const driver = String.raw`
import json, os, sys, time
from jupyter_client.manager import start_new_kernel
os.environ["JUPYTER_PATH"] = os.path.join(sys.argv[1], "jupyter")
km, kc = start_new_kernel(kernel_name="nn-course", cwd=sys.argv[1], startup_timeout=60)
out = {"stderr": "", "stdout": "", "workers": []}
def hook(m):
    if m["msg_type"] == "stream":
        out[m["content"]["name"]] += m["content"]["text"]
    if m["msg_type"] == "error":
        out["stderr"] += m["content"]["ename"] + ": " + m["content"]["evalue"]
def collect(until_idle_of, seconds):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            msg = kc.get_iopub_msg(timeout=0.5)
        except Exception:
            continue
        hook(msg)
        if (msg["parent_header"].get("msg_id") == until_idle_of and msg["msg_type"] == "status"
                and msg["content"]["execution_state"] == "idle"):
            return True
    return False
try:
    kc.execute_interactive('import { grid, mlp, loadDataSet } from "./lib";', timeout=120, output_hook=hook)
    # the kernel's worker threads, from Node's diagnostic report, every 0.2 s while the grid runs
    kc.execute_interactive('const workers = () => (process.report.getReport() as any).workers.length; '
                           'const seen: number[] = []; '
                           'const watch = setInterval(() => seen.push(workers()), 200);', timeout=30, output_hook=hook)
    # long enough that it cannot finish before the interrupt (a run takes seconds)
    grid_id = kc.execute('await grid({ net: mlp([1, 4, 1]), data: loadDataSet("cobra").train, '
               'options: { maxEpoch: 1000000, eps: 0, batchSize: 2 } }, { eta: [0.1, 0.2, 0.3] }, '
               '{ threads: 2, recompute: true, show: "none" }); console.log("grid finished");')
    time.sleep(float(sys.argv[2]))
    km.interrupt_kernel()
    out["idle"] = collect(grid_id, 20)
    out["aliveAfter"] = km.is_alive()
    time.sleep(2)  # terminated workers end soon, not at once
    kc.execute_interactive('clearInterval(watch); console.log("workers seen " + JSON.stringify(seen) + " now " + workers());'
                           'console.log("still here", 6 * 7);', timeout=30, output_hook=hook)
finally:
    kc.stop_channels()
    km.shutdown_kernel(now=True)
print("RESULT " + json.dumps(out))
`;

describe("a grid in the tslab kernel", () => {
  it("stops its workers on a kernel interrupt, and the kernel carries on", () => {
    const dir = mkdtempSync(join(tmpdir(), "nn-grid-interrupt-"));
    const file = join(dir, "driver.py");
    writeFileSync(file, driver);
    const run = spawnSync(python, [file, root, "4"], { encoding: "utf8", timeout: 180_000 });
    const line = run.stdout.split("\n").find((l) => l.startsWith("RESULT "));
    if (!line) throw new Error(`the driver gave no result:\n${run.stdout}\n${run.stderr}`);
    const out = JSON.parse(line.slice(7));
    expect(out.aliveAfter).toBe(true);
    expect(out.idle).toBe(true); // the interrupted cell ended
    const seen = /workers seen (\[[\d,]*\]) now (\d+)/.exec(out.stdout);
    expect(seen).not.toBeNull();
    expect(Math.max(...JSON.parse(seen![1]))).toBe(2); // the pool was running
    expect(seen![2]).toBe("0"); // and no worker is left
    expect(out.stderr).toContain("Interrupted");
    expect(out.stderr).toMatch(/grid "eta": cancelled after 0 of 3 runs/);
    expect(out.stdout).not.toContain("grid finished");
    expect(out.stdout).toContain("still here 42");
  }, 200_000);
});

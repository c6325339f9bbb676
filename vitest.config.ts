import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Notebook and browser runs are long; their tests set their own, larger timeouts.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: "forks",
    // Two test files at a time (vitest's default here would be one: cores − 1 on 2 cores). Much of
    // the suite waits on kernels, browsers and child processes, so two take the wall time from
    // about 12 to about 8 minutes on this 2-core machine.
    maxWorkers: 2,
    // The grader's per-check time limits are wall-clock; under a loaded CI machine (notebook
    // kernels, Chromium and the graders all running at once) give the learner-facing 2 s limit
    // more room. test/grading/robustness.test.ts sets its own scale of 1.
    env: { NN_GRADER_TIMEOUT_SCALE: process.env.NN_GRADER_TIMEOUT_SCALE ?? "3" },
  },
});

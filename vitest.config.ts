import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Notebook and browser runs are long; their tests set their own, larger timeouts.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: "forks",
    // The grader's per-check time limits are wall-clock; under a loaded CI machine (notebook
    // kernels, Chromium and the graders all running at once) give the learner-facing 2 s limit
    // more room. test/grading/robustness.test.ts sets its own scale of 1.
    env: { NN_GRADER_TIMEOUT_SCALE: process.env.NN_GRADER_TIMEOUT_SCALE ?? "3" },
  },
});

import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Notebook and browser runs are long; their tests set their own, larger timeouts.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: "forks",
  },
});

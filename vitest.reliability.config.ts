import { defineConfig } from "vitest/config";

/**
 * `npm run test:reliability`: load, faults and bad input (test/reliability/**). Not part of `npm test`. Prints a
 * summary table per category (cases tried, handled as specified, crashed, lost) and fails if any case crashed, was
 * lost, or was answered other than as specified (save the known limitations listed under the table).
 */
export default defineConfig({
  test: {
    include: ["test/reliability/**/*.reliability.ts"],
    environment: "node",
    testTimeout: 180_000,
    hookTimeout: 60_000,
    maxWorkers: 2,
    reporters: ["default", "./test/support/reliability/summary-reporter.ts"],
  },
});

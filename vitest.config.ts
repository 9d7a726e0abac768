import { defineConfig } from "vitest/config";

/**
 * Two projects: `fast` (npm test, < 10 min on 2 cores) and `slow` (npm run test:slow:
 * simulation-based calibration and the slow reference posteriors). Slow tests are named `*.slow.test.ts`.
 */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "fast",
          include: ["test/**/*.test.ts"],
          exclude: ["test/**/*.slow.test.ts", "node_modules/**"],
          testTimeout: 120_000,
          typecheck: { enabled: true, include: ["test/types/**/*.test-d.ts"], tsconfig: "./tsconfig.json" },
        },
      },
      {
        test: {
          name: "slow",
          include: ["test/**/*.slow.test.ts"],
          testTimeout: 3_600_000,
        },
      },
    ],
  },
});

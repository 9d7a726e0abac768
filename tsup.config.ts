import { defineConfig } from "tsup";

export default defineConfig({
  entry: { index: "src/index.ts", samplers: "samplers/index.ts", cli: "src/cli/main.ts", "nuts-model": "src/fit/nutsModel.ts" },
  format: ["esm"],
  dts: { entry: { index: "src/index.ts", samplers: "samplers/index.ts" } },
  target: "node20",
  clean: true,
  sourcemap: true,
  splitting: true,
});

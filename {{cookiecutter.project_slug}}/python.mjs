// `node python.mjs ARGS` runs the project's Python with ARGS (`npm run dev` uses it).
// npm scripts may run outside an activated virtual environment, so prefer the
// project's .venv (both `python -m venv .venv` and `uv sync` make one), else `python`.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";

const venv = process.platform === "win32" ? ".venv/Scripts/python.exe" : ".venv/bin/python";
const python = existsSync(venv) ? venv : "python";
const child = spawn(python, process.argv.slice(2), { stdio: "inherit" });
child.on("error", (error) => {
  console.error(`could not run ${python}: ${error.message}`);
  process.exit(1);
});
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
// Ctrl+C reaches Python from the terminal itself: wait while it stops what it started.
process.on("SIGINT", () => {});
process.on("SIGTERM", () => child.kill("SIGTERM"));

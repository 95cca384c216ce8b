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
// Pass signals on and wait while Python stops what it started (from a terminal,
// Ctrl+C reaches Python too; a second one does no harm).
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
// Killed npm passes no signal on: this process is orphaned then (a new parent); stop Python too.
const parent = process.ppid;
setInterval(() => process.ppid !== parent && child.kill("SIGTERM"), 1000).unref();

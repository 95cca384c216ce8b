// `node python.mjs ARGS` runs the project's Python with ARGS (`npm run dev` uses it).
// npm scripts may run outside an activated virtual environment, so prefer the
// project's .venv (both `python -m venv .venv` and `uv sync` make one), else `python`.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";

const windows = process.platform === "win32";
const venv = windows ? join(".venv", "Scripts", "python.exe") : join(".venv", "bin", "python");
const python = existsSync(venv) ? venv : "python";
const child = spawn(python, process.argv.slice(2), { stdio: "inherit" });
child.on("error", (error) => {
  console.error(`could not run ${python}: ${error.message}`);
  process.exit(1);
});
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));

// Wait while Python stops what it started. Ctrl+C in a terminal reaches it too; a signal
// sent to npm alone (an IDE's stop button) is passed on. Not on Windows: there kill()
// would end Python at once, before it stops Vite and the app.
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => windows || child.kill(signal));
if (!windows) {
  // npm killed outright passes nothing on: this process is then orphaned (a new parent).
  const parent = process.ppid;
  setInterval(() => process.ppid !== parent && child.kill("SIGTERM"), 1000).unref();
}

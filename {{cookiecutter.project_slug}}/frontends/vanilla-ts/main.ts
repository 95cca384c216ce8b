// Mounts one panel per example (panels.ts lists them, in order). Each panel
// lives in the module named after its API, beside a Python module of the same name.

import { panels } from "./panels";
import "./styles.css";

async function main(): Promise<void> {
  // One after another, so the panels appear in order; some await Python as they mount.
  for (const mount of panels) await mount();
  // Tests wait for this: every panel is wired.
  document.body.dataset.ready = "true";
}

void main();

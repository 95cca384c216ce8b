// JS eval: Python runs JavaScript in this page and reads a value back.
// Python side: src/{{ cookiecutter.package_name }}/js_eval.py

import { pyInvoke } from "tauri-plugin-pytauri-api";
import { runEvalDemo } from "./python/js_eval";
import { addPanel, attempt, byId, onSeedClick, seedAndScale, show, within } from "./lib/ui";

declare global {
  interface Window {
    /** The page function the seed's Python calls: `window.updateUI({ data: 'new value' })`. */
    updateUI?: (update: unknown) => void;
  }
}

export default function mountJsEval(): void {
  const why =
    "Arguments go in as JSON, never spliced into code, and the page's value comes back to Python.";
  addPanel(
    "js-eval-panel",
    "JS eval",
    "Python writes into this page with JavaScript, then reads values back from it.",
    seedAndScale("js-eval", why, {
      targets: `<output id="status" class="seed-target"
                  data-placeholder="#status: run_js writes here"></output>`,
    }) +
      `<div class="row">
         <input id="eval-text" value="Written by Python" autocomplete="off" />
         <button id="eval-button" type="button">Let Python run JS here</button>
       </div>
       <p>Python writes here: <strong id="eval-target">(nothing yet)</strong></p>
       <output id="eval-output"></output>`,
  );

  // The page function the seed's run_js calls. Whoever calls it (Python,
  // after the button below or at any other time), it shows its argument.
  const seedOutput = byId("seed-js-eval-output");
  let waiting: ((line: string) => void) | null = null;
  window.updateUI = (update) => {
    const line = `updateUI(${JSON.stringify(update)})`;
    show(seedOutput, line);
    waiting?.(line);
  };

  onSeedClick("seed-js-eval-button", "seed-js-eval-output", async (say) => {
    byId("status").textContent = "";
    const called = new Promise<string>((resolve) => (waiting = resolve));
    try {
      // Fire and forget: Python evals its three scripts and answers null;
      // the page learns they ran when updateUI is called.
      await pyInvoke("run_js");
      say(await within(called, 5000, "window.updateUI's call"));
    } finally {
      waiting = null;
    }
  });

  const output = byId("eval-output");
  byId("eval-button").addEventListener("click", () => {
    void attempt(output, async () => {
      const text = byId<HTMLInputElement>("eval-text").value;
      const facts = await runEvalDemo({ text });
      show(output, `Python read back: title "${facts.title}", ${facts.panelCount} panels.`);
    });
  });
}

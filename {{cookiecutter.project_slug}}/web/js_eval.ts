// JS eval: Python runs JavaScript in this page and reads a value back.
// Python side: src/{{ cookiecutter.package_name }}/js_eval.py

import { pyInvoke } from "tauri-plugin-pytauri-api";
import { addPanel, attempt, byId, show } from "./ui";

interface PageFacts {
  title: string;
  panelCount: number;
}

export function mountJsEval(): void {
  addPanel(
    "js-eval-panel",
    "JS eval",
    "Python writes into this page with JavaScript, then reads values back from it.",
    `<div class="row">
       <input id="eval-text" value="Written by Python" autocomplete="off" />
       <button id="eval-button" type="button">Let Python run JS here</button>
     </div>
     <p>Python writes here: <strong id="eval-target">(nothing yet)</strong></p>
     <output id="eval-output"></output>`,
  );

  const output = byId("eval-output");
  byId("eval-button").addEventListener("click", () => {
    void attempt(output, async () => {
      const text = byId<HTMLInputElement>("eval-text").value;
      const facts = await pyInvoke<PageFacts>("run_eval_demo", { text });
      show(output, `Python read back: title "${facts.title}", ${facts.panelCount} panels.`);
    });
  });
}

// JS eval: Python runs JavaScript in this page and reads a value back.
// Python side: src/{{ cookiecutter.package_name }}/js_eval.py

import { runEvalDemo } from "./python/js_eval";
import { addPanel, attempt, byId, show } from "./lib/ui";

export default function mountJsEval(): void {
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
      const facts = await runEvalDemo({ text });
      show(output, `Python read back: title "${facts.title}", ${facts.panelCount} panels.`);
    });
  });
}

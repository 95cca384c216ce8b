// JS eval: Python runs JavaScript in this page and reads a value back.
// Python side: js_eval.py in the package (src/<package>/js_eval.py).

import { useEffect, useRef } from "react";
import { runEvalDemo } from "./python/js_eval";
import { Output, Panel, useOutput, type PanelProps } from "./lib/ui";

export default function JsEval({ onReady }: PanelProps) {
  const evalText = useRef<HTMLInputElement>(null);
  const output = useOutput();

  // Nothing to wait for: React wires the handlers as it mounts the panel.
  useEffect(onReady, [onReady]);

  function onRun() {
    void output.attempt(async () => {
      const facts = await runEvalDemo({ text: evalText.current!.value });
      output.show(`Python read back: title "${facts.title}", ${facts.panelCount} panels.`);
    });
  }

  return (
    <Panel
      id="js-eval-panel"
      title="JS eval"
      intro="Python writes into this page with JavaScript, then reads values back from it."
    >
      <div className="row">
        <input id="eval-text" ref={evalText} defaultValue="Written by Python" autoComplete="off" />
        <button id="eval-button" type="button" onClick={onRun}>
          Let Python run JS here
        </button>
      </div>
      {/* Python sets this element's text itself; React never changes it after the first render. */}
      <p>
        Python writes here: <strong id="eval-target">(nothing yet)</strong>
      </p>
      <Output id="eval-output" shown={output.shown} />
    </Panel>
  );
}

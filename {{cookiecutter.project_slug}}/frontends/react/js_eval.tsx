// JS eval: Python runs JavaScript in this page and reads a value back.
// Python side: js_eval.py in the package (src/<package>/js_eval.py).

import { useEffect, useRef } from "react";
import { flushSync } from "react-dom";
import { pyInvoke } from "tauri-plugin-pytauri-api";
import { runEvalDemo } from "./python/js_eval";
import {
  AtScale,
  Output,
  Panel,
  Seed,
  useOutput,
  useSeedButton,
  useSeedOutput,
  within,
  type PanelProps,
} from "./lib/ui";

declare global {
  interface Window {
    /** The page function the seed's Python calls: `window.updateUI({ data: 'new value' })`. */
    updateUI?: (update: unknown) => void;
  }
}

export default function JsEval({ onReady }: PanelProps) {
  const evalText = useRef<HTMLInputElement>(null);
  const output = useOutput();
  const seedOutput = useSeedOutput();
  const { show: showSeed } = seedOutput;
  // The run waiting for updateUI's call, if any.
  const waiting = useRef<((line: string) => void) | null>(null);

  // The page function the seed's run_js calls. Whoever calls it (Python,
  // after the button below or at any other time), it shows its argument.
  // Removed on unmount: a page function must not outlive its panel.
  useEffect(() => {
    const updateUI = (update: unknown) => {
      const line = `updateUI(${JSON.stringify(update)})`;
      // Called from outside React: show the line before returning, as a plain DOM write would.
      flushSync(() => showSeed(line));
      waiting.current?.(line);
    };
    window.updateUI = updateUI;
    return () => {
      if (window.updateUI === updateUI) delete window.updateUI;
    };
  }, [showSeed]);

  const seedButton = useSeedButton(seedOutput, async (say) => {
    // Python's script writes into #status itself; React renders it empty and never touches it again.
    document.getElementById("status")!.textContent = "";
    const called = new Promise<string>((resolve) => (waiting.current = resolve));
    try {
      // Fire and forget: Python evals its three scripts and answers null;
      // the page learns they ran when updateUI is called.
      await pyInvoke("run_js");
      say(await within(called, 5000, "window.updateUI's call"));
    } finally {
      waiting.current = null;
    }
  });

  // Nothing to wait for: React wires the handlers and updateUI as it mounts the panel.
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
      <Seed example="js-eval" output={seedOutput} button={seedButton}>
        <output
          id="status"
          className="seed-target"
          data-placeholder="#status: run_js writes here"
        ></output>
      </Seed>
      <AtScale why="Arguments go in as JSON, never spliced into code, and the page's value comes back to Python." />
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

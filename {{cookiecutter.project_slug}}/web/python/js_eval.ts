// What the page calls in src/{{ cookiecutter.package_name }}/js_eval.py, written by hand
// (see commands.ts in this folder). `js_eval_result` is not here: the script
// Python injects calls it.

import type { InvokeOptions } from "@tauri-apps/api/core";
import { pyInvoke } from "tauri-plugin-pytauri-api";

export interface EvalDemoRequest {
  text: string;
}

export interface PageFacts {
  title: string;
  panelCount: number;
}

/** The seed's three uses of eval: Python runs them in this page, fire and forget. */
export async function runJs(body?: void, options?: InvokeOptions): Promise<null> {
  return await pyInvoke("run_js", body, options);
}

/** Python writes into the page, then reads two facts back from it. */
export async function runEvalDemo(
  body: EvalDemoRequest,
  options?: InvokeOptions,
): Promise<PageFacts> {
  return await pyInvoke("run_eval_demo", body, options);
}

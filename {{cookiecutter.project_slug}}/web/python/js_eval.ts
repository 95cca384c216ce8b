// What the page calls in src/{{ cookiecutter.package_name }}/js_eval.py, written by hand
// (see commands.ts in this folder). `js_eval_result` is not here: the script
// Python injects calls it.

import { pyInvoke } from "tauri-plugin-pytauri-api";

export interface PageFacts {
  title: string;
  panelCount: number;
}

export async function runEvalDemo(body: { text: string }): Promise<PageFacts> {
  return await pyInvoke("run_eval_demo", body);
}

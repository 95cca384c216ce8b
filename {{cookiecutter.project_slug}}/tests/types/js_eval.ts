// JS-eval-command misuse the typed client must refuse: see commands.ts in this folder.
import { runEvalDemo, runJs } from "../../web/python/js_eval";

export async function wrongCalls(): Promise<void> {
  // expect TS2345: run_js takes no body: its scripts are Python's own
  await runJs("alert(1)");
  // expect TS2345: the body is an object with `text`, not a string
  await runEvalDemo("hello");
  // expect TS2551: the answer's fields are camelCase, as on the wire
  console.log((await runEvalDemo({ text: "hi" })).panel_count);
}

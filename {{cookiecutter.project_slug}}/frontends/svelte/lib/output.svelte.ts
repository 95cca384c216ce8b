// What an <output> shows, as reactive state the panels share. A `.svelte.ts`
// module may use runes: the fields below update the page when they change.

import { errorText } from "./errors";

export type Tone = "ok" | "error" | "info";

/**
 * The text and tone of one <output>. Bind them in the markup:
 * `<output data-tone={result.tone}>{result.text}</output>`; Svelte sets the text
 * as text, so anything Python sends stays inert.
 */
export class Output {
  text = $state("");
  /** No tone (no data-tone attribute) until something is shown. */
  tone = $state<Tone>();

  show(text: string, tone: Tone = "ok"): void {
    this.text = text;
    this.tone = tone;
  }

  /** Run an async action, showing its error (if any) here. */
  async attempt(action: () => Promise<void>): Promise<void> {
    try {
      await action();
    } catch (error) {
      this.show(errorText(error), "error");
    }
  }
}

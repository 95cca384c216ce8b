// What the panels share to show results: an <output> element's text and tone.

import { reactive } from "vue";
import { errorText } from "./errors";

export type Tone = "ok" | "error" | "info";

/**
 * What one <output> shows: bind `tone` to its data-tone and interpolate
 * `text` as its content. Interpolation only ever sets text, so any text
 * from Python stays inert (never v-html).
 */
export interface Output {
  text: string;
  tone: Tone | undefined;
  /** Show a result. */
  show(text: string, tone?: Tone): void;
  /** Run an async action, showing its error (if any). */
  attempt(action: () => Promise<void>): Promise<void>;
}

export function useOutput(): Output {
  const output: Output = reactive({
    text: "",
    tone: undefined,
    show(text: string, tone: Tone = "ok") {
      output.text = text;
      output.tone = tone;
    },
    async attempt(action: () => Promise<void>) {
      try {
        await action();
      } catch (error) {
        output.show(errorText(error), "error");
      }
    },
  });
  return output;
}

/**
 * The number in a v-model'd `<input type="number">`: Vue gives "" when the
 * field is empty. NaN then travels as null, and Python says what is missing.
 */
export function asNumber(value: number | ""): number {
  return value === "" ? Number.NaN : value;
}

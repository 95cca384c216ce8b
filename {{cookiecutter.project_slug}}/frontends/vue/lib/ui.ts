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

/** A seed snippet: it reports what happened with `say(line)`. */
export type Snippet = (say: (line: string) => void) => Promise<void>;

/**
 * What a seed block's <output> shows, and the snippet running into it (its
 * button is disabled meanwhile). `run` shows the snippet's lines as they
 * come (joined with "\n"), then its error, if any, as the last line;
 * `state` is "running", then "done" when it ends (tests wait for it).
 */
export interface SeedOutput {
  text: string;
  tone: Tone | undefined;
  state: "running" | "done" | undefined;
  running: Snippet | null;
  /** Show a result (outside a run too: js_eval's updateUI does). */
  show(text: string, tone?: Tone): void;
  run(snippet: Snippet): Promise<void>;
}

export function useSeed(): SeedOutput {
  const seed: SeedOutput = reactive({
    text: "",
    tone: undefined,
    state: undefined,
    running: null,
    show(text: string, tone: Tone = "ok") {
      seed.text = text;
      seed.tone = tone;
    },
    async run(snippet: Snippet) {
      const lines: string[] = [];
      seed.running = snippet;
      seed.state = "running";
      seed.show("", "info");
      try {
        await snippet((line) => {
          lines.push(line);
          seed.show(lines.join("\n"), "info");
        });
        seed.show(lines.join("\n"));
      } catch (error) {
        seed.show([...lines, errorText(error)].join("\n"), "error");
      } finally {
        seed.running = null;
        seed.state = "done";
      }
    },
  });
  return seed;
}

/** Resolve when `promise` does, or reject after `ms` with a message naming `what`. */
export function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what} did not arrive within ${ms / 1000} s`)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(errorText(error)));
      },
    );
  });
}

// The seed's form, shared by the panels: each panel's first block runs the
// seed page's snippet (raw pyInvoke, Channel, emit/listen/once) behind one
// button and shows what it did, line by line, in one <output>.

import { errorText } from "./errors";
import type { Tone } from "./output.svelte";

/** A seed snippet reports what happened with `say(line)`. */
export type Snippet = (say: (line: string) => void) => Promise<void>;

/**
 * The lines of a seed's <output>, as reactive state. Bind them in the markup:
 * `<output data-tone={seed.tone} data-state={seed.state}>{seed.text}</output>`;
 * the lines are joined with "\n" (the stylesheet shows them with pre-line).
 */
export class SeedOutput {
  text = $state("");
  /** No tone (no data-tone attribute) until something is shown. */
  tone = $state<Tone>();
  /** "done" once a snippet has ended: the tests wait for it. */
  state = $state<"running" | "done">();

  show(text: string, tone: Tone = "ok"): void {
    this.text = text;
    this.tone = tone;
  }
}

/**
 * One seed button: `run` runs the snippet into `output`, the lines appearing
 * as they come; `running` (bind it to the button's `disabled`) is true
 * meanwhile. When it ends the output gets data-state="done"; an error is
 * shown as the last line, with the error tone.
 */
export class SeedButton {
  running = $state(false);

  constructor(
    private readonly output: SeedOutput,
    private readonly snippet: Snippet,
  ) {}

  /** An arrow, so the markup can pass it as is: `onclick={seed.run}`. */
  run = (): void => {
    const lines: string[] = [];
    const say = (line: string): void => {
      lines.push(line);
      this.output.show(lines.join("\n"), "info");
    };
    this.running = true;
    this.output.state = "running";
    this.output.show("", "info");
    void (async () => {
      try {
        await this.snippet(say);
        this.output.show(lines.join("\n"));
      } catch (error) {
        this.output.show([...lines, errorText(error)].join("\n"), "error");
      } finally {
        this.running = false;
        this.output.state = "done";
      }
    })();
  };
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

/** A promise and the function that resolves it. */
export function signal<T>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve: (value: T) => void = () => {};
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

// Small DOM helpers shared by the panels. No framework: each panel module
// adds its own markup and wires its own handlers.

import { errorText } from "./errors";

/** The element with this id; throws if the markup and the code disagree. */
export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const element = document.getElementById(id);
  if (!element) throw new Error(`#${id} is missing from the page`);
  return element as T;
}

/** Add a panel (static markup only: never interpolate data into it). */
export function addPanel(id: string, title: string, intro: string, body: string): void {
  const section = document.createElement("section");
  section.className = "panel";
  section.id = id;
  section.innerHTML = `<h2>${title}</h2><p class="intro">${intro}</p>${body}`;
  byId("panels").append(section);
}

/** Markup the seed's snippet needs besides its button and its output. */
export interface SeedExtras {
  /** More buttons, beside the seed's button. */
  buttons?: string;
  /** Elements the snippet writes into (the seed's own ids), after the output. */
  targets?: string;
}

/**
 * The markup every panel starts with: the seed's snippet behind a button
 * (#seed-<example>-button), its lines in #seed-<example>-output, then the
 * heading of the form at scale and the one line saying why it exists.
 */
export function seedAndScale(example: string, why: string, extras: SeedExtras = {}): string {
  return `<section class="seed">
       <h3>The seed's form</h3>
       <button id="seed-${example}-button" type="button">Run the seed's snippet</button>${
         extras.buttons ?? ""
       }
       <output id="seed-${example}-output"></output>${extras.targets ?? ""}
     </section>
     <h3>At scale</h3>
     <p class="why">${why}</p>`;
}

export type Tone = "ok" | "error" | "info";

/** Show a result; `textContent` keeps any text from Python inert. */
export function show(element: HTMLElement, text: string, tone: Tone = "ok"): void {
  element.textContent = text;
  element.dataset.tone = tone;
}

/** Run an async action, showing its error (if any) in `output`. */
export async function attempt(output: HTMLElement, action: () => Promise<void>): Promise<void> {
  try {
    await action();
  } catch (error) {
    show(output, errorText(error), "error");
  }
}

/**
 * Run a seed snippet when `buttonId` is clicked. The snippet reports what
 * happened with `say(line)`; the lines appear in `outputId` as they come
 * (joined with "\n"). The button is disabled while it runs; when it ends the
 * output gets data-state="done" (an error is shown as the last line).
 */
export function onSeedClick(
  buttonId: string,
  outputId: string,
  snippet: (say: (line: string) => void) => Promise<void>,
): void {
  const button = byId<HTMLButtonElement>(buttonId);
  const output = byId(outputId);
  button.addEventListener("click", () => {
    const lines: string[] = [];
    const say = (line: string): void => {
      lines.push(line);
      show(output, lines.join("\n"), "info");
    };
    button.disabled = true;
    output.dataset.state = "running";
    show(output, "", "info");
    void (async () => {
      try {
        await snippet(say);
        show(output, lines.join("\n"));
      } catch (error) {
        show(output, [...lines, errorText(error)].join("\n"), "error");
      } finally {
        button.disabled = false;
        output.dataset.state = "done";
      }
    })();
  });
}

/** Resolve when `promise` does, or reject after `ms` with a message naming `what`. */
export function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const late = () => reject(new Error(`${what} did not arrive within ${ms / 1000} s`));
    const timer = setTimeout(late, ms);
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

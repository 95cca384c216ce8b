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

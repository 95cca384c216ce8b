// Windows: Python opens more windows; an event reaches only the windows it aims at.
// Python side: src/{{ cookiecutter.package_name }}/windows.py

import { getCurrentWebviewWindow } from "@tauri-apps/api/webviewWindow";
import {
  closeWindow,
  listen,
  listWindows,
  openWindow,
  sendToWindow,
  sendToWindows,
} from "./python/windows";
import { addPanel, attempt, byId, show } from "./lib/ui";

/** This window's label: "main", or the one Python gave it ("window-2", ...). */
const label = getCurrentWebviewWindow().label;

function showWindows(labels: string[]): void {
  byId("window-list").textContent = labels.join(", ");
  const target = byId<HTMLSelectElement>("window-note-target");
  const chosen = target.value;
  target.replaceChildren(...labels.map((name) => new Option(name, name)));
  if (labels.includes(chosen)) target.value = chosen;
}

export default async function mountWindows(): Promise<void> {
  addPanel(
    "windows-panel",
    "Windows",
    "Python opens windows; an event aimed at one window reaches that window only.",
    `<p>This is window <strong id="window-label"></strong>. Open: <span id="window-list"></span></p>
     <div class="row">
       <button id="window-open" type="button">Open a new window</button>
       <button id="window-close" type="button">Close this window</button>
     </div>
     <div class="row">
       <input id="window-note-text" value="Hello, window" autocomplete="off" />
       <select id="window-note-target" aria-label="Target window"></select>
       <button id="window-note-send" type="button">Send to that window (emit_to)</button>
     </div>
     <div class="row">
       <input id="window-note-labels" value="main" autocomplete="off" aria-label="Labels" />
       <button id="window-note-filter" type="button">Send to these windows (emit_filter)</button>
     </div>
     <output id="window-output"></output>
     <h3>Notes this window heard</h3>
     <output id="window-notes"></output>`,
  );
  byId("window-label").textContent = label;
  // The main window closing ends the app: only the others get the button.
  byId("window-close").hidden = label === "main";
  const output = byId("window-output");
  const notes = byId("window-notes");
  const heard: string[] = [];

  // This window's own listen(): it hears only what is aimed at this window.
  await listen("window-note", (event) => {
    const note = event.payload;
    heard.push(`${note.via} from ${note.sender}: ${note.text}`);
    show(notes, heard.join("\n"));
  });
  await listen("windows-changed", (event) => showWindows(event.payload.labels));
  showWindows((await listWindows()).labels);

  byId("window-open").addEventListener("click", () => {
    void attempt(output, async () => {
      const opened = await openWindow();
      show(output, `Opened ${opened.label}`);
    });
  });
  byId("window-close").addEventListener("click", () => {
    void attempt(output, async () => {
      await closeWindow();
    });
  });
  byId("window-note-send").addEventListener("click", () => {
    const text = byId<HTMLInputElement>("window-note-text").value;
    const target = byId<HTMLSelectElement>("window-note-target").value;
    void attempt(output, async () => {
      await sendToWindow({ label: target, text });
      show(output, `Sent to ${target}`);
    });
  });
  byId("window-note-filter").addEventListener("click", () => {
    const text = byId<HTMLInputElement>("window-note-text").value;
    const labels = byId<HTMLInputElement>("window-note-labels")
      .value.split(",")
      .map((name) => name.trim())
      .filter(Boolean);
    void attempt(output, async () => {
      const { picked } = await sendToWindows({ labels, text });
      show(output, `The filter picked ${picked.join(", ") || "no window"}`);
    });
  });
}

// Windows: Python opens more windows; an event reaches only the windows it aims at.
// Python side: windows.py in the package (src/<package>/windows.py).

import { getCurrentWebviewWindow } from "@tauri-apps/api/webviewWindow";
import { useEffect, useRef, useState } from "react";
import {
  closeWindow,
  listen,
  listWindows,
  openWindow,
  sendToWindow,
  sendToWindows,
} from "./python/windows";
import { Output, Panel, subscriptions, useOutput, type PanelProps } from "./lib/ui";

/** This window's label: "main", or the one Python gave it ("window-2", ...). */
const label = getCurrentWebviewWindow().label;

export default function Windows({ onReady }: PanelProps) {
  const noteText = useRef<HTMLInputElement>(null);
  const noteLabels = useRef<HTMLInputElement>(null);
  // Every open window's label, as Python last told it.
  const [labels, setLabels] = useState<string[]>([]);
  const [chosen, setChosen] = useState("");
  // The notes this window heard, one line each.
  const [heard, setHeard] = useState<string[]>([]);
  const output = useOutput();
  const { attempt: attemptOutput } = output;

  // A chosen window that has closed gives way to the first one, as a <select>
  // whose selected option is removed does.
  const target = labels.includes(chosen) ? chosen : (labels[0] ?? "");

  // This window's own listen(): it hears only what is aimed at this window.
  // The cleanup unlistens, so a remounted panel never hears a note twice.
  useEffect(() => {
    const listeners = subscriptions();
    void attemptOutput(async () => {
      listeners.add(
        await listen("window-note", (event) => {
          const note = event.payload;
          setHeard((lines) => [...lines, `${note.via} from ${note.sender}: ${note.text}`]);
        }),
      );
      listeners.add(await listen("windows-changed", (event) => setLabels(event.payload.labels)));
      const list = await listWindows();
      if (listeners.closed) return; // unmounted meanwhile
      setLabels(list.labels);
      onReady();
    });
    return listeners.close;
  }, [attemptOutput, onReady]);

  function onOpen() {
    void output.attempt(async () => {
      const opened = await openWindow();
      output.show(`Opened ${opened.label}`);
    });
  }

  function onClose() {
    void output.attempt(async () => {
      await closeWindow();
    });
  }

  function onSend() {
    const text = noteText.current!.value;
    void output.attempt(async () => {
      await sendToWindow({ label: target, text });
      output.show(`Sent to ${target}`);
    });
  }

  function onFilter() {
    const text = noteText.current!.value;
    const chosenLabels = noteLabels
      .current!.value.split(",")
      .map((name) => name.trim())
      .filter(Boolean);
    void output.attempt(async () => {
      const { picked } = await sendToWindows({ labels: chosenLabels, text });
      output.show(`The filter picked ${picked.join(", ") || "no window"}`);
    });
  }

  return (
    <Panel
      id="windows-panel"
      title="Windows"
      intro="Python opens windows; an event aimed at one window reaches that window only."
    >
      <p>
        This is window <strong id="window-label">{label}</strong>. Open:{" "}
        <span id="window-list">{labels.join(", ")}</span>
      </p>
      <div className="row">
        <button id="window-open" type="button" onClick={onOpen}>
          Open a new window
        </button>
        {/* The main window closing ends the app: only the others get the button. */}
        <button id="window-close" type="button" hidden={label === "main"} onClick={onClose}>
          Close this window
        </button>
      </div>
      <div className="row">
        <input
          id="window-note-text"
          ref={noteText}
          defaultValue="Hello, window"
          autoComplete="off"
        />
        <select
          id="window-note-target"
          aria-label="Target window"
          value={target}
          onChange={(event) => setChosen(event.currentTarget.value)}
        >
          {labels.map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </select>
        <button id="window-note-send" type="button" onClick={onSend}>
          Send to that window (emit_to)
        </button>
      </div>
      <div className="row">
        <input
          id="window-note-labels"
          ref={noteLabels}
          defaultValue="main"
          autoComplete="off"
          aria-label="Labels"
        />
        <button id="window-note-filter" type="button" onClick={onFilter}>
          Send to these windows (emit_filter)
        </button>
      </div>
      <Output id="window-output" shown={output.shown} />
      <h3>Notes this window heard</h3>
      <Output
        id="window-notes"
        shown={heard.length > 0 ? { text: heard.join("\n"), tone: "ok" } : null}
      />
    </Panel>
  );
}

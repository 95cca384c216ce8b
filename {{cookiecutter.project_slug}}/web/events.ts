// Events: fire-and-forget messages, both ways.
// Python side: src/{{ cookiecutter.package_name }}/events.py

import { emit } from "@tauri-apps/api/event";
import { getCurrentWebviewWindow } from "@tauri-apps/api/webviewWindow";
import { pyInvoke } from "tauri-plugin-pytauri-api";
import { addPanel, attempt, byId, show } from "./ui";

interface Notice {
  text: string;
  target: "all" | "main" | "filter";
  sentAt: string;
}

interface Reply {
  text: string;
  ok: boolean;
  heard: number;
}

interface ListenerStatus {
  listening: boolean;
  heard: number;
  seenAny: number;
}

export async function mountEvents(): Promise<void> {
  addPanel(
    "events-panel",
    "Events",
    "Python emits to the page; the page emits to Python. Nobody waits for an answer.",
    `<div class="row">
       <input id="notice-text" value="Hello from the page" autocomplete="off" />
       <button id="notice-all" type="button">Python → all windows</button>
       <button id="notice-main" type="button">Python → main window</button>
       <button id="notice-filter" type="button">Python → filter</button>
     </div>
     <output id="notice-output"></output>
     <div class="row">
       <input id="page-message-text" value="ping" autocomplete="off" />
       <button id="page-message-send" type="button">Page → Python</button>
       <button id="page-message-bad" type="button">Send a malformed payload</button>
       <label><input id="listening-toggle" type="checkbox" checked /> Python listens</label>
     </div>
     <output id="reply-output"></output>
     <output id="listening-status"></output>`,
  );

  // The window's own listen() respects emit_to targets; the global listen()
  // would receive every event whatever its target.
  const window = getCurrentWebviewWindow();
  const noticeOutput = byId("notice-output");
  await window.listen<Notice>("python-notice", (event) => {
    const notice = event.payload;
    show(noticeOutput, `[${notice.target}] ${notice.text}`);
  });
  const replyOutput = byId("reply-output");
  await window.listen<Reply>("python-reply", (event) => {
    show(replyOutput, `${event.payload.text} (heard ${event.payload.heard})`, event.payload.ok ? "ok" : "error");
  });

  for (const target of ["all", "main", "filter"] as const) {
    byId(`notice-${target}`).addEventListener("click", () => {
      const text = byId<HTMLInputElement>("notice-text").value;
      void attempt(noticeOutput, async () => {
        await pyInvoke<null>("send_notice", { text, target });
      });
    });
  }

  byId("page-message-send").addEventListener("click", () => {
    const text = byId<HTMLInputElement>("page-message-text").value;
    void attempt(replyOutput, () => emit("page-message", { text }));
  });
  byId("page-message-bad").addEventListener("click", () => {
    void attempt(replyOutput, () => emit("page-message", { text: 42 }));
  });

  const listening = byId<HTMLInputElement>("listening-toggle");
  const listeningStatus = byId("listening-status");
  listening.addEventListener("change", () => {
    void attempt(listeningStatus, async () => {
      const status = await pyInvoke<ListenerStatus>("set_listening", { enabled: listening.checked });
      show(
        listeningStatus,
        `Python ${status.listening ? "listens" : "stopped listening"}; ` +
          `replied to ${status.heard}, saw ${status.seenAny} page messages in all.`,
        "info",
      );
    });
  });

  // A `once` listener in Python hears this, and only the first time.
  await emit("page-ready", {});
}

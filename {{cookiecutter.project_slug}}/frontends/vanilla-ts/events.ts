// Events: fire-and-forget messages, both ways.
// Python side: src/{{ cookiecutter.package_name }}/events.py

import { emit as untypedEmit } from "@tauri-apps/api/event";
import { emit, listen, sendNotice, setListening } from "./python/events";
import { addPanel, attempt, byId, show } from "./lib/ui";

export default async function mountEvents(): Promise<void> {
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
       <button id="page-raise" type="button">Make a Python listener raise</button>
       <label><input id="listening-toggle" type="checkbox" checked /> Python listens</label>
     </div>
     <output id="reply-output"></output>
     <output id="listening-status"></output>`,
  );

  // Event names and payload types are the ones events.py declares. listen()
  // is this window's own, so it respects emit_to targets.
  const noticeOutput = byId("notice-output");
  await listen("python-notice", (event) => {
    const notice = event.payload;
    show(noticeOutput, `[${notice.target}] ${notice.text}`);
  });
  const replyOutput = byId("reply-output");
  await listen("python-reply", (event) => {
    const reply = event.payload;
    show(replyOutput, `${reply.text} (heard ${reply.heard})`, reply.ok ? "ok" : "error");
  });

  for (const target of ["all", "main", "filter"] as const) {
    byId(`notice-${target}`).addEventListener("click", () => {
      const text = byId<HTMLInputElement>("notice-text").value;
      void attempt(noticeOutput, async () => {
        await sendNotice({ text, target });
      });
    });
  }

  byId("page-message-send").addEventListener("click", () => {
    const text = byId<HTMLInputElement>("page-message-text").value;
    void attempt(replyOutput, () => emit("page-message", { text }));
  });
  byId("page-message-bad").addEventListener("click", () => {
    // On purpose: the typed emit() refuses this payload at compile time, so
    // Tauri's own emit sends it, to show Python's validation answering.
    void attempt(replyOutput, () => untypedEmit("page-message", { text: 42 }));
  });

  byId("page-raise").addEventListener("click", () => {
    // Python's listener raises; its guard logs the error and keeps events flowing.
    void attempt(replyOutput, async () => {
      await emit("page-raise", {});
      show(replyOutput, "Python's listener raised (see the app log); send again: it still hears.", "info");
    });
  });

  const listening = byId<HTMLInputElement>("listening-toggle");
  const listeningStatus = byId("listening-status");
  listening.addEventListener("change", () => {
    void attempt(listeningStatus, async () => {
      const status = await setListening({ enabled: listening.checked });
      show(
        listeningStatus,
        `Python ${status.listening ? "listens" : "stopped listening"}; ` +
          `replied to ${status.heard}, saw ${status.seenAny} page messages in all.`,
        "info",
      );
    });
  });

  // A `once` listener in Python hears this, and only the first time.
  await emit("page-ready", { url: window.location.href });
}

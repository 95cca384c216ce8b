// Events: fire-and-forget messages, both ways.
// Python side: src/{{ cookiecutter.package_name }}/events.py

import { emit as seedEmit, listen as seedListen, once as seedOnce } from "@tauri-apps/api/event";
import type { UnlistenFn } from "@tauri-apps/api/event";
import { pyInvoke } from "tauri-plugin-pytauri-api";
import { emit, listen, sendNotice, setListening } from "./python/events";
import { addPanel, attempt, byId, onSeedClick, seedAndScale, show, within } from "./lib/ui";

// The seed's payloads, as events.py sends them.
type DataUpdatedPayload = { status: string; count: number };
type NotificationPayload = { message: string };
type AlertPayload = { priority: string };

/** What the seed's listeners in Python heard (seed_events_heard; snake_case keys). */
interface SeedHeard {
  frontend_actions: number;
  last_action: { action: string; data: Record<string, unknown> } | null;
  init_complete: number;
  global_events: number;
}

/** A promise and the function that resolves it. */
function signal<T>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve: (value: T) => void = () => {};
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

/**
 * The seed's snippet: Tauri's global listen/once/emit (untyped JSON), and the
 * three commands that make Python emit. Global `listen` hears an event
 * whatever window it was sent to.
 */
async function seedSnippet(say: (line: string) => void): Promise<void> {
  const dataUpdated = signal<DataUpdatedPayload>();
  const notified = signal<NotificationPayload>();
  const alerted = signal<AlertPayload>();
  const unlisteners: UnlistenFn[] = [];
  try {
    // Listen to backend events (the type argument is what we expect; nothing checks it)
    const unlisten = await seedListen<DataUpdatedPayload>("data-updated", (event) => {
      dataUpdated.resolve(event.payload);
    });
    unlisteners.push(unlisten);
    // Listen once
    unlisteners.push(
      await seedOnce<NotificationPayload>("notification", (event) => {
        notified.resolve(event.payload);
      }),
    );
    unlisteners.push(
      await seedListen<AlertPayload>("alert", (event) => {
        alerted.resolve(event.payload);
      }),
    );

    // Emit to backend: Python validates frontend-action, and hears global-event with listen_any.
    await seedEmit("frontend-action", { action: "save", data: { key: "value" } });
    await seedEmit("global-event", { from: "page" });

    // Python emits to every window, to this one, and to those a filter picks.
    await pyInvoke("notify_all");
    await pyInvoke("notify_window");
    await pyInvoke("notify_filtered");

    const [updated, notice, alarm] = await within(
      Promise.all([dataUpdated.promise, notified.promise, alerted.promise]),
      5000,
      "data-updated, notification and alert",
    );
    say(`data-updated: ${updated.status}, count ${updated.count}`);
    say(`notification: ${notice.message}`);
    say(`alert: ${alarm.priority}`);

    const heard = await pyInvoke<SeedHeard>("seed_events_heard");
    say(
      `Python heard frontend-action ${heard.frontend_actions}× ` +
        `(last: ${heard.last_action?.action ?? "none"}), ` +
        `init-complete ${heard.init_complete}×, global-event ${heard.global_events}×`,
    );
  } finally {
    // Cleanup: every listener this snippet added.
    for (const unlisten of unlisteners) unlisten();
  }
}

/** Python's `Listener.unlisten` on its frontend-action handler. */
async function unlistenSnippet(say: (line: string) => void): Promise<void> {
  const wasListening = await pyInvoke<boolean>("unlisten_frontend_action");
  say(
    wasListening
      ? "Python unlistened frontend-action"
      : "Python was not listening to frontend-action",
  );
}

export default async function mountEvents(): Promise<void> {
  const why =
    "Typed payloads, window-scoped listeners and a listener you can switch off: " +
    "events stay correct with several windows.";
  addPanel(
    "events-panel",
    "Events",
    "Python emits to the page; the page emits to Python. Nobody waits for an answer.",
    seedAndScale("events", why, {
      buttons: `<button id="seed-unlisten-button" type="button">
                  Python: unlisten frontend-action</button>`,
    }) +
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
  onSeedClick("seed-events-button", "seed-events-output", seedSnippet);
  onSeedClick("seed-unlisten-button", "seed-events-output", unlistenSnippet);
  // The seed's page says it has initialised; Python hears this `once`.
  await seedEmit("init-complete");

  // At scale: event names and payload types are the ones events.py declares.
  // listen() is this window's own, so it respects emit_to targets.
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
    void attempt(replyOutput, () => seedEmit("page-message", { text: 42 }));
  });

  byId("page-raise").addEventListener("click", () => {
    // Python's listener raises; its guard logs the error and keeps events flowing.
    void attempt(replyOutput, async () => {
      await emit("page-raise", {});
      const text = "Python's listener raised (see the app log); send again: it still hears.";
      show(replyOutput, text, "info");
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

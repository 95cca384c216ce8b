// Events: fire-and-forget messages, both ways.
// Python side: events.py in the package (src/<package>/events.py).

import {
  emit as seedEmit,
  listen as seedListen,
  once as seedOnce,
  type UnlistenFn,
} from "@tauri-apps/api/event";
import { useEffect, useRef, type ChangeEvent } from "react";
import { pyInvoke } from "tauri-plugin-pytauri-api";
import { emit, listen, sendNotice, setListening } from "./python/events";
import {
  AtScale,
  Output,
  Panel,
  Seed,
  subscriptions,
  useOutput,
  useSeed,
  useSeedButton,
  within,
  type PanelProps,
  type Say,
} from "./lib/ui";

// The seed's payloads, as events.py sends them.
type DataUpdated = { status: string; count: number };
type Notification = { message: string };
type Alert = { priority: string };

/** What the seed's listeners in Python heard (seed_events_heard; snake_case keys). */
interface SeedHeard {
  frontend_actions: number;
  last_action: { action: string; data: Record<string, unknown> } | null;
  init_complete: number;
  global_events: number;
}

/** A promise and the function that resolves it. */
function signal<T>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve: (value: T) => void = () => undefined;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

/**
 * The seed's snippet: Tauri's global listen/once/emit (untyped JSON), and the
 * three commands that make Python emit. Global `listen` hears an event
 * whatever window it was sent to. `track` gets each unlisten function, so an
 * unmount in the middle of a run unlistens too.
 */
async function seedSnippet(say: Say, track: (unlisten: UnlistenFn) => void): Promise<void> {
  const dataUpdated = signal<DataUpdated>();
  const notification = signal<Notification>();
  const alert = signal<Alert>();

  // Listen to backend events (the type argument is only what we expect: nothing checks it)
  track(
    await seedListen<DataUpdated>("data-updated", (event) => dataUpdated.resolve(event.payload)),
  );
  // Listen once
  track(
    await seedOnce<Notification>("notification", (event) => notification.resolve(event.payload)),
  );
  track(await seedListen<Alert>("alert", (event) => alert.resolve(event.payload)));

  // Emit to backend: Python validates `frontend-action`, and hears `global-event` with listen_any.
  await seedEmit("frontend-action", { action: "save", data: { key: "value" } });
  await seedEmit("global-event", { from: "page" });

  // Python emits to every window, to this one, and to those a filter picks.
  await pyInvoke("notify_all");
  await pyInvoke("notify_window");
  await pyInvoke("notify_filtered");

  const [updated, notice, alarm] = await within(
    Promise.all([dataUpdated.promise, notification.promise, alert.promise]),
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
}

/** Python's `Listener.unlisten` on its frontend-action handler. */
async function unlistenSnippet(say: Say): Promise<void> {
  const wasListening = await pyInvoke<boolean>("unlisten_frontend_action");
  say(
    wasListening
      ? "Python unlistened frontend-action"
      : "Python was not listening to frontend-action",
  );
}

/** The seed's page says once that it has initialised (StrictMode mounts twice in dev). */
let initSent = false;

export default function Events({ onReady }: PanelProps) {
  const noticeText = useRef<HTMLInputElement>(null);
  const messageText = useRef<HTMLInputElement>(null);
  const notice = useOutput();
  const reply = useOutput();
  const listening = useOutput();
  const { show: showNotice, attempt: attemptNotice } = notice;
  const showReply = reply.show;

  // The seed's listeners live for one run; those of a run cut short by an
  // unmount are unlistened by the cleanup.
  const seedRuns = useRef(new Set<ReturnType<typeof subscriptions>>());
  const seed = useSeed(async (say) => {
    const listeners = subscriptions();
    seedRuns.current.add(listeners);
    try {
      await seedSnippet(say, listeners.add);
    } finally {
      // Cleanup: every listener this snippet added.
      listeners.close();
      seedRuns.current.delete(listeners);
    }
  });
  const unlistenButton = useSeedButton(seed.output, unlistenSnippet);
  useEffect(() => {
    const runs = seedRuns.current;
    return () => {
      for (const listeners of runs) listeners.close();
    };
  }, []);

  // listen() is this window's own, so it respects emit_to targets. The
  // cleanup unlistens, so a remounted panel never hears an event twice.
  useEffect(() => {
    const listeners = subscriptions();
    void attemptNotice(async () => {
      if (!initSent) {
        initSent = true;
        // Python hears this `once`.
        await seedEmit("init-complete");
      }
      // At scale: event names and payload types are the ones events.py declares.
      listeners.add(
        await listen("python-notice", (event) => {
          showNotice(`[${event.payload.target}] ${event.payload.text}`);
        }),
      );
      listeners.add(
        await listen("python-reply", (event) => {
          const { text, heard, ok } = event.payload;
          showReply(`${text} (heard ${heard})`, ok ? "ok" : "error");
        }),
      );
      if (listeners.closed) return; // unmounted meanwhile
      // A `once` listener in Python hears this, and only the first time.
      await emit("page-ready", { url: window.location.href });
      onReady();
    });
    return listeners.close;
  }, [attemptNotice, showNotice, showReply, onReady]);

  function onNotice(target: "all" | "main" | "filter") {
    const text = noticeText.current!.value;
    void notice.attempt(async () => {
      await sendNotice({ text, target });
    });
  }

  function onSend() {
    const text = messageText.current!.value;
    void reply.attempt(() => emit("page-message", { text }));
  }

  function onSendMalformed() {
    // On purpose: the typed emit() refuses this payload at compile time, so
    // Tauri's own emit sends it, to show Python's validation answering.
    void reply.attempt(() => seedEmit("page-message", { text: 42 }));
  }

  function onRaise() {
    // Python's listener raises; its guard logs the error and keeps events flowing.
    void reply.attempt(async () => {
      await emit("page-raise", {});
      reply.show("Python's listener raised (see the app log); send again: it still hears.", "info");
    });
  }

  function onToggleListening(event: ChangeEvent<HTMLInputElement>) {
    const enabled = event.currentTarget.checked;
    void listening.attempt(async () => {
      const status = await setListening({ enabled });
      listening.show(
        `Python ${status.listening ? "listens" : "stopped listening"}; ` +
          `replied to ${status.heard}, saw ${status.seenAny} page messages in all.`,
        "info",
      );
    });
  }

  return (
    <Panel
      id="events-panel"
      title="Events"
      intro="Python emits to the page; the page emits to Python. Nobody waits for an answer."
    >
      <Seed
        example="events"
        {...seed}
        buttons={
          <button
            id="seed-unlisten-button"
            type="button"
            disabled={unlistenButton.running}
            onClick={unlistenButton.onClick}
          >
            Python: unlisten frontend-action
          </button>
        }
      />
      <AtScale why="Typed payloads, window-scoped listeners and a listener you can switch off: events stay correct with several windows." />
      <div className="row">
        <input
          id="notice-text"
          ref={noticeText}
          defaultValue="Hello from the page"
          autoComplete="off"
        />
        <button id="notice-all" type="button" onClick={() => onNotice("all")}>
          Python → all windows
        </button>
        <button id="notice-main" type="button" onClick={() => onNotice("main")}>
          Python → main window
        </button>
        <button id="notice-filter" type="button" onClick={() => onNotice("filter")}>
          Python → filter
        </button>
      </div>
      <Output id="notice-output" shown={notice.shown} />
      <div className="row">
        <input id="page-message-text" ref={messageText} defaultValue="ping" autoComplete="off" />
        <button id="page-message-send" type="button" onClick={onSend}>
          Page → Python
        </button>
        <button id="page-message-bad" type="button" onClick={onSendMalformed}>
          Send a malformed payload
        </button>
        <button id="page-raise" type="button" onClick={onRaise}>
          Make a Python listener raise
        </button>
        <label>
          <input
            id="listening-toggle"
            type="checkbox"
            defaultChecked
            onChange={onToggleListening}
          />{" "}
          Python listens
        </label>
      </div>
      <Output id="reply-output" shown={reply.shown} />
      <Output id="listening-status" shown={listening.shown} />
    </Panel>
  );
}

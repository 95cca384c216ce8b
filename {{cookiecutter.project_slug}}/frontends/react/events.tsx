// Events: fire-and-forget messages, both ways.
// Python side: events.py in the package (src/<package>/events.py).

import { emit as untypedEmit } from "@tauri-apps/api/event";
import { useEffect, useRef, type ChangeEvent } from "react";
import { emit, listen, sendNotice, setListening } from "./python/events";
import { Output, Panel, subscriptions, useOutput, type PanelProps } from "./lib/ui";

export default function Events({ onReady }: PanelProps) {
  const noticeText = useRef<HTMLInputElement>(null);
  const messageText = useRef<HTMLInputElement>(null);
  const notice = useOutput();
  const reply = useOutput();
  const listening = useOutput();
  const { show: showNotice, attempt: attemptNotice } = notice;
  const showReply = reply.show;

  // Event names and payload types are the ones events.py declares. listen()
  // is this window's own, so it respects emit_to targets. The cleanup
  // unlistens, so a remounted panel never hears an event twice.
  useEffect(() => {
    const listeners = subscriptions();
    void attemptNotice(async () => {
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
    void reply.attempt(() => untypedEmit("page-message", { text: 42 }));
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

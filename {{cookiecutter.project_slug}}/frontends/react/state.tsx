// Managed state: Python keeps shared state between command calls.
// Python side: state.py in the package (src/<package>/state.py).

import { useEffect, useRef, type FormEvent } from "react";
import { pyInvoke } from "tauri-plugin-pytauri-api";
import { getStateSummary, incrementCounter, postMessage } from "./python/state";
import {
  AtScale,
  Output,
  Panel,
  Seed,
  useOutput,
  useSeed,
  type PanelProps,
  type Say,
} from "./lib/ui";

/** The seed's snippet: raw pyInvoke; Python's state outlives each call. */
async function seedSnippet(say: Say): Promise<void> {
  const newCount = await pyInvoke<number>("increment_counter");
  say(`increment_counter: ${newCount}`);

  await pyInvoke("add_message", "Hello from frontend!");
  say("add_message: stored");

  const info = await pyInvoke<{ counter: number; user: string; message_count: number }>(
    "get_user_info",
  );
  say(
    `get_user_info: counter ${info.counter}, user ${info.user}, message_count ${info.message_count}`,
  );
}

export default function State({ onReady }: PanelProps) {
  const messageText = useRef<HTMLInputElement>(null);
  const counter = useOutput();
  const message = useOutput();
  const info = useOutput();
  const seed = useSeed(seedSnippet);

  // Nothing to wait for: React wires the handlers as it mounts the panel.
  useEffect(onReady, [onReady]);

  function onIncrement() {
    void counter.attempt(async () => {
      counter.show(String(await incrementCounter()));
    });
  }

  function onStore(event: FormEvent) {
    event.preventDefault();
    void message.attempt(async () => {
      const count = await postMessage({ text: messageText.current!.value });
      message.show(`Stored; Python now holds ${count} message(s).`);
    });
  }

  function onRead() {
    void info.attempt(async () => {
      const state = await getStateSummary();
      info.show(
        `counter ${state.counter}, user ${state.userName}, ${state.messageCount} message(s)` +
          (state.lastMessage === null ? "" : `, last: ${state.lastMessage}`),
      );
    });
  }

  return (
    <Panel
      id="state-panel"
      title="Managed state"
      intro="Python keeps state between calls: reload the page and it is still there."
    >
      <Seed example="state" {...seed} />
      <AtScale why="A model body with a size limit that answers the new count: memory stays bounded and the page fetches less." />
      <div className="row">
        <button id="counter-button" type="button" onClick={onIncrement}>
          Increment counter
        </button>
        <Output id="counter-output" shown={counter.shown} />
      </div>
      <form id="message-form" className="row" onSubmit={onStore}>
        <input
          id="message-text"
          ref={messageText}
          placeholder="A message to store"
          autoComplete="off"
        />
        <button id="message-add" type="submit">
          Store
        </button>
      </form>
      <Output id="message-output" shown={message.shown} />
      <div className="row">
        <button id="info-button" type="button" onClick={onRead}>
          Read state
        </button>
      </div>
      <Output id="info-output" shown={info.shown} />
    </Panel>
  );
}

// Channels: Python streams ordered messages to the page.
// Python side: channels.py in the package (src/<package>/channels.py).

import { Channel } from "@tauri-apps/api/core";
import { useEffect, useRef, useState, type FormEvent } from "react";
import { pyInvoke } from "tauri-plugin-pytauri-api";
import {
  stopStream,
  streamBatched,
  streamBatchedChannel,
  streamReply,
  streamReplyChannel,
} from "./python/channels";
import {
  AtScale,
  Output,
  Panel,
  Seed,
  useOutput,
  useSeed,
  within,
  type PanelProps,
  type Say,
} from "./lib/ui";

/** The seed's snippet: the Channel itself is the body. */
async function seedSnippet(say: Say): Promise<void> {
  // Receive streamed messages
  const received: string[] = [];
  const channel = new Channel<string>((msg) => {
    received.push(msg);
  });
  await pyInvoke("stream_data", channel);
  say(`stream_data: ${received.length} messages, ${received[0]} … ${received.at(-1)}`);

  // Stream AI chat: the text accumulates in #chat as it arrives.
  let fullResponse = "";
  let complete: () => void = () => undefined;
  const completed = new Promise<void>((resolve) => (complete = resolve));
  const chatChannel = new Channel<{ text: string; done: boolean }>((chunk) => {
    if (!chunk.done) {
      fullResponse += chunk.text;
      document.getElementById("chat")!.textContent = fullResponse;
    } else {
      complete();
    }
  });
  // As the seed does, straight into the DOM: React renders #chat empty and never touches it again.
  document.getElementById("chat")!.textContent = "";
  await pyInvoke("stream_ai_chat", chatChannel);
  // The command's answer can overtake the channel's last message: wait for `done`.
  await within(completed, 5000, "stream_ai_chat's done chunk");
  say(`stream_ai_chat: ${fullResponse}`);
}

export default function Channels({ onReady }: PanelProps) {
  const seed = useSeed(seedSnippet);

  // Nothing to wait for: React wires the handlers as it mounts the panel.
  useEffect(onReady, [onReady]);

  return (
    <Panel
      id="channels-panel"
      title="Channels"
      intro="Python streams messages to the page, in order, until done or stopped."
    >
      <Seed example="channels" {...seed}>
        <output
          id="chat"
          className="seed-target"
          data-placeholder="#chat: stream_ai_chat writes here"
        ></output>
      </Seed>
      <AtScale why="Batched and stoppable: 100,000 messages arrive in under a second, and a stream ends when you say so." />
      <DataStream />
      <ChatStream />
    </Panel>
  );
}

/** A fresh id per stream, so the stop button can name the one to stop. */
function newStreamId(): string {
  return crypto.randomUUID();
}

/** Ask Python to stop a stream (it answers whether one was running). */
async function stopIfRunning(streamId: string | null): Promise<void> {
  if (streamId) await stopStream({ streamId });
}

/**
 * The id of the stream running now (a ref: the handlers and the cleanup read
 * it, nothing renders it). On unmount a running stream is stopped, or Python
 * would go on sending to a page that is gone.
 */
function useRunningStream() {
  const running = useRef<string | null>(null);
  useEffect(() => {
    // The page is going away: there is no output left to show an error in.
    return () => {
      stopIfRunning(running.current).catch(() => undefined);
    };
  }, []);
  return running;
}

function DataStream() {
  const count = useRef<HTMLInputElement>(null);
  const [items, setItems] = useState<string[]>([]);
  const [streaming, setStreaming] = useState(false);
  const running = useRunningStream();
  const status = useOutput();

  function onStart() {
    const streamId = newStreamId();
    setItems([]);
    // The channel's messages have the type Python declared (channels.Message).
    const channel = streamBatchedChannel((message) => {
      setItems((shown) => [...shown, message]);
    });
    running.current = streamId;
    setStreaming(true);
    status.show("Streaming…", "info");
    void status.attempt(async () => {
      try {
        // A channel travels as its id (the string toJSON() gives).
        const summary = await streamBatched({
          channel: channel.toJSON(),
          streamId,
          count: count.current!.valueAsNumber,
          intervalMs: 100,
        });
        status.show(`${summary.stopped ? "Stopped" : "Done"} after ${summary.sent} messages.`);
      } finally {
        running.current = null;
        setStreaming(false);
      }
    });
  }

  // The summary that streamBatched() answers with reports the end.
  function onStop() {
    void status.attempt(() => stopIfRunning(running.current));
  }

  return (
    <>
      <div className="row">
        <label>
          Messages <input id="stream-count" ref={count} type="number" defaultValue={20} min={1} />
        </label>
        <button id="stream-start" type="button" disabled={streaming} onClick={onStart}>
          Start stream
        </button>
        <button id="stream-stop" type="button" disabled={!streaming} onClick={onStop}>
          Stop
        </button>
      </div>
      <Output id="stream-status" shown={status.shown} />
      <ol id="stream-output" className="log">
        {/* The list only grows during a stream, so the index is a stable key. */}
        {items.map((item, index) => (
          <li key={index}>{item}</li>
        ))}
      </ol>
    </>
  );
}

function ChatStream() {
  const prompt = useRef<HTMLInputElement>(null);
  const [reply, setReply] = useState("");
  const [done, setDone] = useState(false);
  const [typing, setTyping] = useState(false);
  const running = useRunningStream();
  const status = useOutput();

  function onSend(event: FormEvent) {
    event.preventDefault();
    const streamId = newStreamId();
    setReply("");
    const channel = streamReplyChannel((chunk) => {
      // The last chunk says the stream ended, also when it was stopped.
      if (chunk.done) setDone(true);
      else setReply((text) => text + chunk.text);
    });
    running.current = streamId;
    setTyping(true);
    setDone(false);
    status.show("The model is typing…", "info");
    void status.attempt(async () => {
      try {
        const summary = await streamReply({
          channel: channel.toJSON(),
          streamId,
          prompt: prompt.current!.value,
        });
        status.show(summary.stopped ? `Stopped after ${summary.sent} tokens.` : "Reply complete.");
      } finally {
        running.current = null;
        setTyping(false);
      }
    });
  }

  function onStop() {
    void status.attempt(() => stopIfRunning(running.current));
  }

  return (
    <>
      <form id="chat-form" className="row" onSubmit={onSend}>
        <input
          id="chat-prompt"
          ref={prompt}
          placeholder="Say something to the fake model"
          autoComplete="off"
        />
        <button id="chat-send" type="submit" disabled={typing}>
          Send
        </button>
        <button id="chat-stop" type="button" disabled={!typing} onClick={onStop}>
          Stop
        </button>
      </form>
      <Output id="chat-status" shown={status.shown} data-done={done ? "true" : undefined} />
      <p id="chat-output" className="reply">
        {reply}
      </p>
    </>
  );
}

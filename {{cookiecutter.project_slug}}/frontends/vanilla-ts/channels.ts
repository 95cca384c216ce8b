// Channels: Python streams ordered messages to the page.
// Python side: src/{{ cookiecutter.package_name }}/channels.py

import { Channel } from "@tauri-apps/api/core";
import { pyInvoke } from "tauri-plugin-pytauri-api";
import {
  stopStream,
  streamBatched,
  streamBatchedChannel,
  streamReply,
  streamReplyChannel,
} from "./python/channels";
import { addPanel, attempt, byId, onSeedClick, seedAndScale, show, within } from "./lib/ui";

/** The seed's snippet: the Channel itself is the body. */
async function seedSnippet(say: (line: string) => void): Promise<void> {
  // Receive streamed messages
  const received: string[] = [];
  const channel = new Channel<string>((msg) => {
    received.push(msg);
  });
  await pyInvoke("stream_data", channel);
  say(`stream_data: ${received.length} messages, ${received[0]} … ${received.at(-1)}`);

  // Stream AI chat: the text accumulates in #chat as it arrives.
  let fullResponse = "";
  let complete: () => void = () => {};
  const streamingComplete = new Promise<void>((resolve) => (complete = resolve));
  const chatChannel = new Channel<{ text: string; done: boolean }>((chunk) => {
    if (!chunk.done) {
      fullResponse += chunk.text;
      byId("chat").textContent = fullResponse;
    } else {
      complete();
    }
  });
  byId("chat").textContent = "";
  await pyInvoke("stream_ai_chat", chatChannel);
  // The command's answer can overtake the channel's last message: wait for `done`.
  await within(streamingComplete, 5000, "stream_ai_chat's done chunk");
  say(`stream_ai_chat: ${fullResponse}`);
}

/** A fresh id per stream, so the stop button can name the one to stop. */
function newStreamId(): string {
  return crypto.randomUUID();
}

/** Ask Python to stop a stream (it answers whether one was running). */
async function stopIfRunning(streamId: string | null): Promise<void> {
  if (streamId) await stopStream({ streamId });
}

export default function mountChannels(): void {
  const why =
    "Batched and stoppable: 100,000 messages arrive in under a second, " +
    "and a stream ends when you say so.";
  addPanel(
    "channels-panel",
    "Channels",
    "Python streams messages to the page, in order, until done or stopped.",
    seedAndScale("channels", why, {
      targets: `<output id="chat" class="seed-target"
                  data-placeholder="#chat: stream_ai_chat writes here"></output>`,
    }) +
      `<div class="row">
         <label>Messages <input id="stream-count" type="number" value="20" min="1" /></label>
         <button id="stream-start" type="button">Start stream</button>
         <button id="stream-stop" type="button" disabled>Stop</button>
       </div>
       <output id="stream-status"></output>
       <ol id="stream-output" class="log"></ol>
       <form id="chat-form" class="row">
         <input id="chat-prompt" placeholder="Say something to the fake model" autocomplete="off" />
         <button id="chat-send" type="submit">Send</button>
         <button id="chat-stop" type="button" disabled>Stop</button>
       </form>
       <output id="chat-status"></output>
       <p id="chat-output" class="reply"></p>`,
  );
  onSeedClick("seed-channels-button", "seed-channels-output", seedSnippet);
  mountBatchedStream();
  mountReplyStream();
}

function mountBatchedStream(): void {
  const status = byId("stream-status");
  const list = byId("stream-output");
  const start = byId<HTMLButtonElement>("stream-start");
  const stop = byId<HTMLButtonElement>("stream-stop");
  let running: string | null = null;

  start.addEventListener("click", () => {
    const streamId = newStreamId();
    const count = byId<HTMLInputElement>("stream-count").valueAsNumber;
    list.replaceChildren();
    // The channel's messages have the type Python declared (channels.Message);
    // Python sends them in batches, which this helper unpacks and acknowledges.
    const channel = streamBatchedChannel((message) => {
      const item = document.createElement("li");
      item.textContent = message;
      list.append(item);
    });
    running = streamId;
    start.disabled = true;
    stop.disabled = false;
    show(status, "Streaming…", "info");
    void attempt(status, async () => {
      try {
        // A channel travels as its id (the string toJSON() gives).
        const summary = await streamBatched({
          channel: channel.toJSON(),
          streamId,
          count,
          intervalMs: 100,
        });
        show(status, `${summary.stopped ? "Stopped" : "Done"} after ${summary.sent} messages.`);
      } finally {
        running = null;
        start.disabled = false;
        stop.disabled = true;
      }
    });
  });
  stop.addEventListener("click", () => void attempt(status, () => stopIfRunning(running)));
}

function mountReplyStream(): void {
  const status = byId("chat-status");
  const reply = byId("chat-output");
  const send = byId<HTMLButtonElement>("chat-send");
  const stop = byId<HTMLButtonElement>("chat-stop");
  let running: string | null = null;

  byId("chat-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const prompt = byId<HTMLInputElement>("chat-prompt").value;
    const streamId = newStreamId();
    reply.textContent = "";
    const channel = streamReplyChannel((chunk) => {
      if (chunk.done) {
        status.dataset.done = "true";
      } else {
        reply.textContent += chunk.text;
      }
    });
    running = streamId;
    send.disabled = true;
    stop.disabled = false;
    delete status.dataset.done;
    show(status, "The model is typing…", "info");
    void attempt(status, async () => {
      try {
        const summary = await streamReply({ channel: channel.toJSON(), streamId, prompt });
        show(status, summary.stopped ? `Stopped after ${summary.sent} tokens.` : "Reply complete.");
      } finally {
        running = null;
        send.disabled = false;
        stop.disabled = true;
      }
    });
  });
  stop.addEventListener("click", () => void attempt(status, () => stopIfRunning(running)));
}

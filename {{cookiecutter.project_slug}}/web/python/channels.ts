// What the page calls in src/{{ cookiecutter.package_name }}/channels.py, written by hand
// (see commands.ts in this folder).

import { Channel } from "@tauri-apps/api/core";
import { pyInvoke } from "tauri-plugin-pytauri-api";
import { batchedChannel, type ChannelBatch } from "../lib/batching";

export interface StreamSummary {
  sent: number;
  /** True when the stream ended early: stop button, window gone or timeout. */
  stopped: boolean;
}

/** One numbered line of the stream. */
export type Message = string;

export interface ChatChunk {
  text: string;
  done: boolean;
}

export interface StreamRequest {
  /** The channel's id: `channel.toJSON()`. */
  channel: string;
  streamId: string;
  count?: number;
  intervalMs?: number;
}

export interface ChatRequest {
  channel: string;
  streamId: string;
  prompt: string;
}

export async function streamData(body: StreamRequest): Promise<StreamSummary> {
  return await pyInvoke("stream_data", body);
}

export async function streamAiChat(body: ChatRequest): Promise<StreamSummary> {
  return await pyInvoke("stream_ai_chat", body);
}

export async function stopStream(body: { streamId: string }): Promise<boolean> {
  return await pyInvoke("stop_stream", body);
}

/**
 * A channel for `streamData`: `onmessage` receives each `Message`, in order.
 * Python sends them in batches (a ChannelBatcher); `batchedChannel` unpacks them.
 */
export function streamDataChannel(
  onmessage: (message: Message) => void,
): Channel<ChannelBatch<Message>> {
  return batchedChannel(onmessage);
}

/** A channel for `streamAiChat`: Python sends the reply in `ChatChunk`s. */
export function streamAiChatChannel(onmessage: (chunk: ChatChunk) => void): Channel<ChatChunk> {
  return new Channel(onmessage);
}

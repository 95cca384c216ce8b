// What the page calls in src/{{ cookiecutter.package_name }}/channels.py, written by hand
// (see commands.ts in this folder). A channel travels as its id: pass `channel.toJSON()`.

import { Channel, type InvokeOptions } from "@tauri-apps/api/core";
import { pyInvoke } from "tauri-plugin-pytauri-api";
import { batchedChannel, type ChannelBatch } from "../lib/batching";

/** One message of `stream_data`: a plain string. */
export type Msg = string;

/** One numbered line of `stream_batched`. */
export type Message = string;

export interface ChatChunk {
  text: string;
  done: boolean;
}

export interface StreamSummary {
  sent: number;
  /** True when the stream ended early: stop button, window gone or timeout. */
  stopped: boolean;
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

export interface StopRequest {
  streamId: string;
}

/** What each channel carries, by the name of the function that makes it. */
export interface ChannelMessages {
  streamDataChannel: Msg;
  streamAiChatChannel: ChatChunk;
  streamBatchedChannel: Message;
  streamReplyChannel: ChatChunk;
}

/** Ten messages, a tenth of a second apart; the body is the channel's id. */
export async function streamData(body: string, options?: InvokeOptions): Promise<null> {
  return await pyInvoke("stream_data", body, options);
}

/** A canned reply, piece by piece, then `done`; the body is the channel's id. */
export async function streamAiChat(body: string, options?: InvokeOptions): Promise<null> {
  return await pyInvoke("stream_ai_chat", body, options);
}

export async function streamBatched(
  body: StreamRequest,
  options?: InvokeOptions,
): Promise<StreamSummary> {
  return await pyInvoke("stream_batched", body, options);
}

export async function streamReply(
  body: ChatRequest,
  options?: InvokeOptions,
): Promise<StreamSummary> {
  return await pyInvoke("stream_reply", body, options);
}

/** Stop a running stream; answers whether one with that id was running. */
export async function stopStream(body: StopRequest, options?: InvokeOptions): Promise<boolean> {
  return await pyInvoke("stop_stream", body, options);
}

/** A channel for the body of `streamData`: `onmessage` receives each string. */
export function streamDataChannel(onmessage: (message: Msg) => void): Channel<Msg> {
  return new Channel(onmessage);
}

/** A channel for the body of `streamAiChat`: Python sends the reply in `ChatChunk`s. */
export function streamAiChatChannel(
  onmessage: (message: ChatChunk) => void,
): Channel<ChatChunk> {
  return new Channel(onmessage);
}

/**
 * A channel for the `channel` field of `streamBatched`: `onmessage` receives each
 * `Message`, in order. Python sends them in batches (a ChannelBatcher);
 * `batchedChannel` (web/lib/batching.ts) unpacks and acknowledges each batch.
 */
export function streamBatchedChannel(
  onmessage: (message: Message) => void,
): Channel<ChannelBatch<Message>> {
  return batchedChannel(onmessage);
}

/** A channel for the `channel` field of `streamReply`: the reply in `ChatChunk`s. */
export function streamReplyChannel(onmessage: (message: ChatChunk) => void): Channel<ChatChunk> {
  return new Channel(onmessage);
}

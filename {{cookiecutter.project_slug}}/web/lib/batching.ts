// Batching: the page's side of src/{{ cookiecutter.package_name }}/batching.py.
// Python coalesces many small messages into one send per frame; these helpers
// unpack each batch in order, so a handler still receives one message at a
// time, with the same type as on a plain channel or event.

import { Channel } from "@tauri-apps/api/core";
import type { UnlistenFn } from "@tauri-apps/api/event";
import { getCurrentWebviewWindow } from "@tauri-apps/api/webviewWindow";
import { ackBatch } from "../python/batching";

/** What a Python `ChannelBatcher` sends: several messages, in order. */
export interface ChannelBatch<M> {
  /** Which batcher sent it. */
  key: number;
  /** 1, 2, 3, ... per batcher. */
  seq: number;
  messages: M[];
}

/**
 * A channel for a Python `ChannelBatcher`: `onmessage` receives every message,
 * one at a time, in the order Python sent them. After each batch the page
 * acknowledges it; Python waits for that before running too far ahead, so a
 * busy page slows the stream down instead of piling messages up.
 * A channel travels as its id: pass `channel.toJSON()`.
 */
export function batchedChannel<M>(onmessage: (message: M) => void): Channel<ChannelBatch<M>> {
  return new Channel<ChannelBatch<M>>((batch) => {
    try {
      for (const message of batch.messages) onmessage(message);
    } finally {
      // Also after a handler error, or the stream would stall. The app may be
      // closing: a failed acknowledgement is nothing to report.
      ackBatch({ key: batch.key, seq: batch.seq }).catch(() => undefined);
    }
  });
}

/** What a Python `EventBatcher` emits: the items of one frame, in order. */
export interface EventBatch<T> {
  items: T[];
  /** Items Python dropped since the previous batch (its buffer was full). */
  dropped: number;
}

/**
 * Listen to an event a Python `EventBatcher` emits: `onitem` receives every
 * item, one at a time, in order; `ondropped` hears how many Python had to drop.
 * Like the typed `listen`, it uses this window's own listener (emit_to targets hold),
 * and needs the permission to listen (capabilities/events.toml).
 */
export async function listenBatched<T>(
  event: string,
  onitem: (item: T) => void,
  ondropped?: (count: number) => void,
): Promise<UnlistenFn> {
  return await getCurrentWebviewWindow().listen<EventBatch<T>>(event, ({ payload }) => {
    if (payload.dropped > 0) ondropped?.(payload.dropped);
    for (const item of payload.items) onitem(item);
  });
}

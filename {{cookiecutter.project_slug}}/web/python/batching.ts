// What the page calls in src/{{ cookiecutter.package_name }}/batching.py, written by hand
// (see commands.ts in this folder).

import { pyInvoke } from "tauri-plugin-pytauri-api";

export interface BatchAck {
  key: number;
  seq: number;
}

/** The page has handled batch `seq` of batcher `key` (false: that batcher is closed). */
export async function ackBatch(body: BatchAck): Promise<boolean> {
  return await pyInvoke("ack_batch", body);
}

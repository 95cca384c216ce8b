// The page's side of `python -m {{ cookiecutter.package_name }}.bench`: every measurement runs here,
// in the real page, against the real Python side.
//
// The page never loads this module itself. vite.config.ts builds it as a
// separate entry (frontend/bench.js); the benchmark launches the app with its
// measuring commands added (src/{{ cookiecutter.package_name }}/bench/in_app.py), then runs
// `import("./bench.js")` in the page. Results go back through `bench_report`.

import { Channel, invoke } from "@tauri-apps/api/core";
import { getCurrentWebviewWindow } from "@tauri-apps/api/webviewWindow";
import { pyInvoke } from "tauri-plugin-pytauri-api";
import { batchedChannel, listenBatched } from "./batching";

interface BenchConfig {
  /** Small counts: proves every measurement works, in a few seconds. */
  quick: boolean;
}

/** What the bench commands stream and emit (bench/commands.py's `Item`). */
interface Item {
  index: number;
  text: string;
}

type Figures = Record<string, number | string>;

declare global {
  interface Window {
    __BENCH__?: BenchConfig;
    __benchEval?: () => void;
  }
}

const config: BenchConfig = window.__BENCH__ ?? { quick: true };
const n = (full: number, quick: number): number => (config.quick ? quick : full);

async function report(name: string, figures: Figures): Promise<void> {
  await pyInvoke("bench_report", { name, figures });
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** Resolves when `done()` returns true, checked every 5 ms; rejects after `timeoutMs`. */
function until(done: () => boolean, timeoutMs = 120_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const check = (): void => {
      if (done()) resolve();
      else if (performance.now() - started > timeoutMs) reject(new Error("timed out"));
      else setTimeout(check, 5);
    };
    check();
  });
}

// --- request/response ---------------------------------------------------------

type Call = () => Promise<unknown>;

/** Mean ms per call over `count` calls made one after another. */
async function block(call: Call, count: number): Promise<number> {
  const started = performance.now();
  for (let i = 0; i < count; i++) await call();
  return (performance.now() - started) / count;
}

/**
 * Round trips of several kinds of call, in alternating blocks so that the
 * machine's ups and downs hit every kind alike. WebKit's clock ticks in 1 ms
 * steps, finer than a call: the mean comes from timing whole blocks, and the
 * p50/p99 from blocks of 10 calls each (a spread of 10-call means).
 */
async function roundTrips(): Promise<void> {
  const bytes = new Uint8Array(64);
  const kinds: Record<string, Call> = {
    rust: () => invoke("plugin:app|version"),
    inline: () => pyInvoke("bench_inline", bytes),
    json: () => pyInvoke("bench_echo", { text: "hello", number: 42 }),
    bytes: () => pyInvoke("bench_echo_bytes", bytes),
  };
  const blocks = n(12, 3);
  const perBlock = n(200, 50);
  const means: Record<string, number[]> = {};
  const tens: Record<string, number[]> = {};
  for (const kind of Object.keys(kinds)) [means[kind], tens[kind]] = [[], []];
  for (const call of Object.values(kinds)) await block(call, perBlock); // warm up
  for (let b = 0; b < blocks; b++) {
    for (const [kind, call] of Object.entries(kinds)) {
      let total = 0;
      for (let i = 0; i < perBlock / 10; i++) {
        const mean = await block(call, 10);
        tens[kind]!.push(mean);
        total += mean;
      }
      means[kind]!.push(total / (perBlock / 10));
    }
  }
  for (const kind of Object.keys(kinds)) {
    const all = tens[kind]!;
    await report(`round_trip_${kind}`, {
      mean_ms: all.reduce((a, b) => a + b, 0) / all.length,
      median_block_ms: median(means[kind]!),
      p50_ms: percentile(all, 50),
      p99_ms: percentile(all, 99),
      calls: all.length * 10,
    });
  }
}

async function concurrentCommands(): Promise<void> {
  const times: number[] = [];
  for (let rep = 0; rep < n(3, 1); rep++) {
    const started = performance.now();
    await Promise.all(Array.from({ length: 1000 }, () => pyInvoke("bench_sleep", { ms: 10 })));
    times.push(performance.now() - started);
  }
  await report("concurrent_1000", { ms: median(times), commands: 1000, sleep_ms: 10 });
}

async function uploads(): Promise<void> {
  for (const size of [1 << 20, 4 << 20]) {
    const body = new Uint8Array(size);
    const count = Math.max(1, Math.floor(n(48, 6) / (size >> 20)));
    await pyInvoke("bench_upload", body); // warm up
    const started = performance.now();
    for (let i = 0; i < count; i++) await pyInvoke("bench_upload", body);
    const seconds = (performance.now() - started) / 1000;
    await report(`upload_${size >> 20}mib`, { mb_per_s: (size * count) / 1e6 / seconds, bodies: count });
  }
}

// --- Python -> page ---------------------------------------------------------------

/** Counts what the page receives. */
class Counter {
  received = 0;
  outOfOrder = 0;
  /** Count one item; items carry their index, so order is checked too. */
  readonly item = (item: Item): void => {
    if (item.index !== this.received) this.outOfOrder += 1;
    this.received += 1;
  };
}

/** Items per second: from the command's start until the page has all `count`. */
async function rate(count: number, counter: Counter, start: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  const answer = start();
  await until(() => counter.received >= count);
  const seconds = (performance.now() - started) / 1000;
  await answer;
  return count / seconds;
}

async function channels(): Promise<void> {
  const raw = n(20_000, 2_000);
  const plain = new Counter();
  const channel = new Channel<Item>(plain.item);
  const rawRate = await rate(raw, plain, () =>
    pyInvoke("bench_channel_raw", { channel: channel.toJSON(), count: raw }),
  );
  await report("channel_raw", { msgs_per_s: rawRate, messages: raw, out_of_order: plain.outOfOrder });

  const batched = n(300_000, 20_000);
  const unpacked = new Counter();
  const batches = batchedChannel<Item>(unpacked.item);
  const batchedRate = await rate(batched, unpacked, () =>
    pyInvoke("bench_channel_batched", { channel: batches.toJSON(), count: batched }),
  );
  await report("channel_batched", {
    msgs_per_s: batchedRate,
    messages: batched,
    out_of_order: unpacked.outOfOrder,
  });
}

async function channelBytes(): Promise<void> {
  const total = n(128, 8) << 20;
  for (const chunk of [64 << 10, 256 << 10, 1 << 20, 4 << 20]) {
    let bytes = 0;
    const channel = new Channel<ArrayBuffer>((data) => (bytes += data.byteLength));
    const started = performance.now();
    const answer = pyInvoke("bench_channel_bytes", { channel: channel.toJSON(), total, chunk });
    await until(() => bytes >= total);
    const seconds = (performance.now() - started) / 1000;
    await answer;
    await report(`channel_bytes_${chunk >> 10}kib`, { mb_per_s: total / 1e6 / seconds, chunk });
  }
}

async function events(): Promise<void> {
  const raw = n(20_000, 2_000);
  const plain = new Counter();
  const unlisten = await getCurrentWebviewWindow().listen<Item>("bench-item", (event) =>
    plain.item(event.payload),
  );
  const rawRate = await rate(raw, plain, () => pyInvoke("bench_events_raw", { count: raw }));
  unlisten();
  await report("events_raw", { events_per_s: rawRate, events: raw, out_of_order: plain.outOfOrder });

  const batched = n(300_000, 20_000);
  const unpacked = new Counter();
  let dropped = 0;
  const stop = await listenBatched<Item>("bench-items", unpacked.item, (count) => (dropped += count));
  const batchedRate = await rate(batched, unpacked, () =>
    pyInvoke("bench_events_batched", { count: batched }),
  );
  stop();
  await report("events_batched", {
    events_per_s: batchedRate,
    events: batched,
    dropped,
    out_of_order: unpacked.outOfOrder,
  });
}

async function evals(): Promise<void> {
  const count = 1000;
  const times: number[] = [];
  for (let rep = 0; rep < n(3, 1); rep++) {
    let ran = 0;
    window.__benchEval = () => (ran += 1);
    const started = performance.now();
    await pyInvoke("bench_evals", { count });
    await until(() => ran >= count);
    times.push(performance.now() - started);
  }
  await report("evals_1000", { ms: median(times), evals: count });
}

// --- run them all ---------------------------------------------------------------

const MEASUREMENTS: Record<string, () => Promise<void>> = {
  roundTrips,
  concurrentCommands,
  uploads,
  channels,
  channelBytes,
  events,
  evals,
};

async function main(): Promise<void> {
  for (const [name, measure] of Object.entries(MEASUREMENTS)) {
    try {
      await measure();
    } catch (error) {
      await report(`error_${name}`, { error: String(error) });
    }
  }
  await pyInvoke("bench_done");
}

void main();

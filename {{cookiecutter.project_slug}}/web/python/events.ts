// Events between the page and src/{{ cookiecutter.package_name }}/events.py, and its commands,
// written by hand (see commands.ts in this folder).

import { emit as emitEvent, type EventCallback, type UnlistenFn } from "@tauri-apps/api/event";
import { getCurrentWebviewWindow } from "@tauri-apps/api/webviewWindow";
import { pyInvoke } from "tauri-plugin-pytauri-api";

export interface Notice {
  text: string;
  target: "all" | "main" | "filter";
  sentAt: string;
}

export interface Reply {
  text: string;
  ok: boolean;
  heard: number;
}

export interface ListenerStatus {
  listening: boolean;
  heard: number;
  seenAny: number;
}

/** Events Python sends to the page, by name. */
export interface ToPage {
  "python-notice": Notice;
  "python-reply": Reply;
}

/** Events the page sends to Python, by name. */
export interface ToPython {
  "page-message": { text: string };
  "page-ready": { url: string };
  "page-raise": Record<string, never>;
}

export async function sendNotice(body: { text: string; target: Notice["target"] }): Promise<null> {
  return await pyInvoke("send_notice", body);
}

export async function setListening(body: { enabled: boolean }): Promise<ListenerStatus> {
  return await pyInvoke("set_listening", body);
}

/**
 * Listen to an event Python sends to this page. The window's own `listen`
 * respects `emit_to` targets (Tauri's global `listen` would hear events meant
 * for other windows too).
 */
export async function listen<E extends keyof ToPage>(
  event: E,
  handler: EventCallback<ToPage[E]>,
): Promise<UnlistenFn> {
  return await getCurrentWebviewWindow().listen<ToPage[E]>(event, handler);
}

/** Send an event to Python. */
export async function emit<E extends keyof ToPython>(event: E, payload: ToPython[E]): Promise<void> {
  await emitEvent(event, payload);
}

// Events between the page and src/{{ cookiecutter.package_name }}/events.py, and its commands,
// written by hand (see commands.ts in this folder).

import type { InvokeOptions } from "@tauri-apps/api/core";
import { emit as emitEvent, type EventCallback, type UnlistenFn } from "@tauri-apps/api/event";
import { getCurrentWebviewWindow } from "@tauri-apps/api/webviewWindow";
import { pyInvoke } from "tauri-plugin-pytauri-api";

// --- the seed's events: payloads as the seed writes them (Python's names) ---

export interface DataUpdated {
  status: string;
  count: number;
}

export interface Notification {
  message: string;
}

export interface Alert {
  priority: string;
}

export interface FrontendMessage {
  action: string;
  data: { [k: string]: unknown };
}

/** Any JSON value, or none: the seed's page emits these without a payload. */
export interface AnyPayload {
  [k: string]: unknown;
}

/** What the seed's Python listeners have heard so far. */
export interface SeedHeard {
  frontend_actions: number;
  last_action: FrontendMessage | null;
  invalid_actions: number;
  /** The last invalid `frontend-action`, one line per wrong field. */
  last_error: string | null;
  /** How many `init-complete` events were heard: at most 1 (`once`). */
  init_complete: number;
  global_events: number;
  /** Whether the `frontend-action` listener is still subscribed. */
  listening: boolean;
}

// --- the forms at scale (camelCase) ---

export interface PageMessage {
  text: string;
}

export interface PageReady {
  /** Where the page was loaded from: the built files, or Vite in dev mode. */
  url: string;
}

/** No fields: the event itself is the request. */
export type RaiseRequest = Record<string, never>;

export interface Notice {
  text: string;
  target: "all" | "main" | "filter";
  /** When Python sent it (ISO 8601, UTC). */
  sentAt: string;
}

export interface Reply {
  text: string;
  ok: boolean;
  /** How many page messages Python has heard so far. */
  heard: number;
}

export interface NoticeRequest {
  text: string;
  target: Notice["target"];
}

export interface ListeningRequest {
  enabled: boolean;
}

export interface ListenerStatus {
  listening: boolean;
  heard: number;
  seenAny: number;
}

/** Events Python sends to the page, by name. */
export interface ToPage {
  "data-updated": DataUpdated;
  notification: Notification;
  alert: Alert;
  "python-notice": Notice;
  "python-reply": Reply;
}

/** Events the page sends to Python, by name. */
export interface ToPython {
  "frontend-action": FrontendMessage;
  "init-complete": AnyPayload;
  "global-event": AnyPayload;
  "page-message": PageMessage;
  "page-ready": PageReady;
  "page-raise": RaiseRequest;
}

/** `data-updated` to every window. */
export async function notifyAll(body?: void, options?: InvokeOptions): Promise<null> {
  return await pyInvoke("notify_all", body, options);
}

/** `notification` to the window that asked, and to no other. */
export async function notifyWindow(body?: void, options?: InvokeOptions): Promise<null> {
  return await pyInvoke("notify_window", body, options);
}

/** `alert` to the windows Python's filter picks (the main one). */
export async function notifyFiltered(body?: void, options?: InvokeOptions): Promise<null> {
  return await pyInvoke("notify_filtered", body, options);
}

/** What the seed's listeners have heard so far. */
export async function seedEventsHeard(body?: void, options?: InvokeOptions): Promise<SeedHeard> {
  return await pyInvoke("seed_events_heard", body, options);
}

/** Stop hearing `frontend-action`; answers whether it was heard until now. */
export async function unlistenFrontendAction(
  body?: void,
  options?: InvokeOptions,
): Promise<boolean> {
  return await pyInvoke("unlisten_frontend_action", body, options);
}

/** Emit `python-notice` to every window, to the main one, or by filter. */
export async function sendNotice(body: NoticeRequest, options?: InvokeOptions): Promise<null> {
  return await pyInvoke("send_notice", body, options);
}

export async function setListening(
  body: ListeningRequest,
  options?: InvokeOptions,
): Promise<ListenerStatus> {
  return await pyInvoke("set_listening", body, options);
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

/** Like `listen`, for the next such event only. */
export async function once<E extends keyof ToPage>(
  event: E,
  handler: EventCallback<ToPage[E]>,
): Promise<UnlistenFn> {
  return await getCurrentWebviewWindow().once<ToPage[E]>(event, handler);
}

/** Send an event to Python; the payload must have the declared type. */
export async function emit<E extends keyof ToPython>(event: E, payload: ToPython[E]): Promise<void> {
  await emitEvent(event, payload);
}

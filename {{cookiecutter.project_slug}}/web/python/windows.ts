// Windows opened by src/{{ cookiecutter.package_name }}/windows.py, and notes aimed at them,
// written by hand (see commands.ts in this folder).

import type { InvokeOptions } from "@tauri-apps/api/core";
import type { EventCallback, UnlistenFn } from "@tauri-apps/api/event";
import { getCurrentWebviewWindow } from "@tauri-apps/api/webviewWindow";
import { pyInvoke } from "tauri-plugin-pytauri-api";

export interface WindowInfo {
  label: string;
}

export interface WindowList {
  /** Every open window's label, the main window first. */
  labels: string[];
}

export interface WindowNote {
  label: string;
  text: string;
}

export interface WindowsNote {
  labels: string[];
  text: string;
}

export interface Note {
  text: string;
  /** The label of the window that asked Python to send it. */
  sender: string;
  via: "emit_to" | "emit_filter";
}

export interface Picked {
  /** The windows the filter let through. */
  picked: string[];
}

/** Events Python sends to the page, by name. */
export interface ToPage {
  "window-note": Note;
  "windows-changed": WindowList;
}

/** Open one more window; answer its label. */
export async function openWindow(body?: void, options?: InvokeOptions): Promise<WindowInfo> {
  return await pyInvoke("open_window", body, options);
}

export async function listWindows(body?: void, options?: InvokeOptions): Promise<WindowList> {
  return await pyInvoke("list_windows", body, options);
}

/** Close the window that asks. */
export async function closeWindow(body?: void, options?: InvokeOptions): Promise<null> {
  return await pyInvoke("close_window", body, options);
}

/** `emit_to` one window: no other window hears it. */
export async function sendToWindow(body: WindowNote, options?: InvokeOptions): Promise<null> {
  return await pyInvoke("send_to_window", body, options);
}

/** `emit_filter`: Python's predicate picks the windows by label. */
export async function sendToWindows(body: WindowsNote, options?: InvokeOptions): Promise<Picked> {
  return await pyInvoke("send_to_windows", body, options);
}

/** Listen to an event Python sends to this window (and to no other). */
export async function listen<E extends keyof ToPage>(
  event: E,
  handler: EventCallback<ToPage[E]>,
): Promise<UnlistenFn> {
  return await getCurrentWebviewWindow().listen<ToPage[E]>(event, handler);
}

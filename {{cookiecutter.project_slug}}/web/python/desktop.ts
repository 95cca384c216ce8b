// The desktop example's commands and events (src/{{ cookiecutter.package_name }}/desktop.py),
// written by hand (see commands.ts in this folder).

import type { InvokeOptions } from "@tauri-apps/api/core";
import type { EventCallback, UnlistenFn } from "@tauri-apps/api/event";
import { getCurrentWebviewWindow } from "@tauri-apps/api/webviewWindow";
import { pyInvoke } from "tauri-plugin-pytauri-api";

export interface OpenedFile {
  name: string;
  path: string;
  size: number;
  /** Its first lines (undecodable bytes shown as U+FFFD). */
  preview: string;
}

export interface SaveRequest {
  text: string;
}

export interface SavedFile {
  name: string;
  path: string;
  size: number;
}

export interface NotifyRequest {
  title: string;
  body: string;
}

export interface NotifyResult {
  shown: boolean;
  /** Why it could not be shown, in one line. */
  problem: string | null;
}

/** What this machine lacks, one line per piece (null: it is there). */
export interface DesktopStatus {
  tray: string | null;
  singleInstance: string | null;
  notifications: string | null;
  /** The file the app was started with, or opened last. */
  lastFile: OpenedFile | null;
}

/** No fields: File > Save... asks the page for what it holds. */
export type SaveAsked = Record<string, never>;

/** Events Python sends to the page, by name. */
export interface ToPage {
  "file-opened": OpenedFile;
  "save-asked": SaveAsked;
}

/** What is missing on this machine, and the file the app was started with. */
export async function desktopStatus(body?: void, options?: InvokeOptions): Promise<DesktopStatus> {
  return await pyInvoke("desktop_status", body, options);
}

/** Pick a file with the system dialog and read it; null if cancelled. */
export async function openFile(body?: void, options?: InvokeOptions): Promise<OpenedFile | null> {
  return await pyInvoke("open_file", body, options);
}

/** Pick where to save with the system dialog and write the text; null if cancelled. */
export async function saveFile(body: SaveRequest, options?: InvokeOptions): Promise<SavedFile | null> {
  return await pyInvoke("save_file", body, options);
}

/** Show a system notification, or say in one line why it cannot be shown. */
export async function notify(body: NotifyRequest, options?: InvokeOptions): Promise<NotifyResult> {
  return await pyInvoke("notify", body, options);
}

/** Listen to an event Python sends to this window (and to no other). */
export async function listen<E extends keyof ToPage>(
  event: E,
  handler: EventCallback<ToPage[E]>,
): Promise<UnlistenFn> {
  return await getCurrentWebviewWindow().listen<ToPage[E]>(event, handler);
}

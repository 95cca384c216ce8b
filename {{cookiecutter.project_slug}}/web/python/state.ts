// What the page calls in src/{{ cookiecutter.package_name }}/state.py, written by hand
// (see commands.ts in this folder).

import type { InvokeOptions } from "@tauri-apps/api/core";
import { pyInvoke } from "tauri-plugin-pytauri-api";

/** The seed's answer: Python's names on the wire (`message_count`). */
export interface UserInfo {
  counter: number;
  user: string;
  message_count: number;
}

export interface NewMessage {
  text: string;
}

export interface StateSummary {
  counter: number;
  userName: string;
  messageCount: number;
  lastMessage: string | null;
}

export async function incrementCounter(body?: void, options?: InvokeOptions): Promise<number> {
  return await pyInvoke("increment_counter", body, options);
}

/** The seed's form: the message itself is the body. */
export async function addMessage(body: string, options?: InvokeOptions): Promise<null> {
  return await pyInvoke("add_message", body, options);
}

export async function getUserInfo(body?: void, options?: InvokeOptions): Promise<UserInfo> {
  return await pyInvoke("get_user_info", body, options);
}

/** Store a message; answers how many are stored now. */
export async function postMessage(body: NewMessage, options?: InvokeOptions): Promise<number> {
  return await pyInvoke("post_message", body, options);
}

export async function getStateSummary(
  body?: void,
  options?: InvokeOptions,
): Promise<StateSummary> {
  return await pyInvoke("get_state_summary", body, options);
}

// What the page calls in src/{{ cookiecutter.package_name }}/state.py, written by hand
// (see commands.ts in this folder).

import { pyInvoke } from "tauri-plugin-pytauri-api";

export interface UserInfo {
  counter: number;
  userName: string;
  messageCount: number;
  lastMessage: string | null;
}

export async function incrementCounter(): Promise<number> {
  return await pyInvoke("increment_counter");
}

export async function addMessage(body: { text: string }): Promise<number> {
  return await pyInvoke("add_message", body);
}

export async function getUserInfo(): Promise<UserInfo> {
  return await pyInvoke("get_user_info");
}

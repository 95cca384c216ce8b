// What the page calls in src/{{ cookiecutter.package_name }}/chat.py, and the event it hears,
// written by hand (see commands.ts in this folder).

import { Channel } from "@tauri-apps/api/core";
import type { EventCallback, UnlistenFn } from "@tauri-apps/api/event";
import { getCurrentWebviewWindow } from "@tauri-apps/api/webviewWindow";
import { pyInvoke } from "tauri-plugin-pytauri-api";

export interface ChatMessage {
  role: "user" | "assistant";
  text: string;
}

export interface Conversation {
  id: string;
  createdAt: string;
  messages: ChatMessage[];
}

export interface ConversationSummary {
  id: string;
  title: string;
  messageCount: number;
}

export interface ChatOverview {
  conversations: ConversationSummary[];
  /** History files that could not be read at start, each set aside (renamed). */
  problems: string[];
}

/** One piece of the reply, as the model produced it. */
export interface ReplyChunk {
  text: string;
}

export interface SendResult {
  reply: string;
  stopped: boolean;
  title: string;
}

export interface ChatStatus {
  status: "connected" | "generating" | "idle" | "error";
  detail: string;
  conversationId: string | null;
}

/** Events Python sends to the page, by name. */
export interface ToPage {
  "chat-status": ChatStatus;
}

/** What each channel carries, by the name of the function that makes it. */
export interface ChannelMessages {
  sendMessageChannel: ReplyChunk;
}

export interface SendRequest {
  conversationId: string;
  text: string;
  /** The channel's id: `channel.toJSON()`. */
  channel: string;
}

export async function openChat(): Promise<ChatOverview> {
  return await pyInvoke("open_chat");
}

export async function newConversation(): Promise<ConversationSummary> {
  return await pyInvoke("new_conversation");
}

export async function loadConversation(body: { conversationId: string }): Promise<Conversation> {
  return await pyInvoke("load_conversation", body);
}

export async function sendMessage(body: SendRequest): Promise<SendResult> {
  return await pyInvoke("send_message", body);
}

export async function stopReply(body: { conversationId: string }): Promise<boolean> {
  return await pyInvoke("stop_reply", body);
}

/** A channel for `sendMessage`: Python sends the reply in `ReplyChunk`s. */
export function sendMessageChannel(onmessage: (chunk: ReplyChunk) => void): Channel<ReplyChunk> {
  return new Channel(onmessage);
}

/** Listen to an event Python sends to this page (this window's own `listen`). */
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

// What the page calls in src/{{ cookiecutter.package_name }}/commands.py, written by hand.
// pyInvoke sends the body as JSON (or raw bytes) and returns whatever Python
// answers: nothing checks these types against the pydantic models, so keep
// them in step by hand (camelCase, as models.CamelModel puts them on the wire).

import type { InvokeOptions } from "@tauri-apps/api/core";
import { pyInvoke } from "tauri-plugin-pytauri-api";

export interface UserInput {
  displayName: string;
  age: number;
}

export interface UserOutput {
  message: string;
  userId: number;
}

export interface UploadResult {
  name: string;
  size: number;
  sha256: string;
  contentType: string;
}

export async function greet(name: string): Promise<string> {
  return await pyInvoke("greet", name);
}

export async function createUser(body: UserInput): Promise<UserOutput> {
  return await pyInvoke("create_user", body);
}

export async function riskyOperation(): Promise<null> {
  return await pyInvoke("risky_operation");
}

/** Raw bytes as the body; metadata travels in `options.headers`. */
export async function uploadFile(bytes: ArrayBuffer, options?: InvokeOptions): Promise<UploadResult> {
  return await pyInvoke("upload_file", bytes, options);
}

export async function getVersion(): Promise<string> {
  return await pyInvoke("get_version");
}

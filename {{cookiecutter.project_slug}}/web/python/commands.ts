// What the page calls in src/{{ cookiecutter.package_name }}/commands.py, written by hand.
// pyInvoke sends the body as JSON (or raw bytes) and returns whatever Python
// answers: nothing checks these types against the pydantic models, so keep
// them in step by hand. The seed's models (StrictModel) keep Python's names on
// the wire (`user_id`); the others (CamelModel) use camelCase (`contentType`).

import type { InvokeOptions } from "@tauri-apps/api/core";
import { pyInvoke } from "tauri-plugin-pytauri-api";

export interface UserInput {
  name: string;
  age: number;
}

export interface UserOutput {
  message: string;
  user_id: number;
}

export interface UploadResult {
  name: string;
  size: number;
  sha256: string;
  contentType: string;
}

/** The smallest command: a string in, a string out. */
export async function greet(body: string, options?: InvokeOptions): Promise<string> {
  return await pyInvoke("greet", body, options);
}

/** Structured data: pydantic validates the body before this runs. */
export async function createUser(body: UserInput, options?: InvokeOptions): Promise<UserOutput> {
  return await pyInvoke("create_user", body, options);
}

/** How to report an error the page should show: it always fails. */
export async function riskyOperation(body?: void, options?: InvokeOptions): Promise<null> {
  return await pyInvoke("risky_operation", body, options);
}

/** Raw bytes as the body; metadata travels in `options.headers`. */
export async function uploadFile(body: ArrayBuffer, options?: InvokeOptions): Promise<UploadResult> {
  return await pyInvoke("upload_file", body, options);
}

/** A command without a body: the page calls it with no argument. */
export async function getVersion(body?: void, options?: InvokeOptions): Promise<string> {
  return await pyInvoke("get_version", body, options);
}

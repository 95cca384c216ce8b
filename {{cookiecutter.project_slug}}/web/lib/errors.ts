// Shared by every frontend: what to show when a call to Python fails.

/** pyInvoke rejects with the Python error message (a string). */
export function errorText(error: unknown): string {
  if (typeof error === "string") return error;
  if (error instanceof Error) return error.message;
  return JSON.stringify(error);
}

// Commands: the page calls Python and awaits the answer.
// Python side: src/{{ cookiecutter.package_name }}/commands.py

import { pyInvoke } from "tauri-plugin-pytauri-api";
import { createUser, getVersion, greet, riskyOperation, uploadFile } from "./python/commands";
import { errorText } from "./lib/errors";
import { addPanel, attempt, byId, onSeedClick, seedAndScale, show } from "./lib/ui";

/** The seed's snippet: raw `pyInvoke` with the command's Python name. */
async function seedSnippet(say: (line: string) => void): Promise<void> {
  // Simple invocation
  const greeting = await pyInvoke<string>("greet", "World");
  say(`greet: ${greeting}`);

  // Structured data: the answer's keys are the Python model's, user_id included.
  const result = await pyInvoke<{ message: string; user_id: number }>("create_user", {
    name: "Alice",
    age: 30,
  });
  say(`create_user: ${result.message} (user_id ${result.user_id})`);

  // Error handling: the promise rejects with the InvokeException's message.
  try {
    await pyInvoke("risky_operation");
  } catch (error) {
    say(`risky_operation failed: ${errorText(error)}`);
  }

  say(`get_version: ${await pyInvoke<string>("get_version")}`);
}

export default function mountCommands(): void {
  const why =
    "The client types each call from the Python models: a wrong field fails tsc, not the user.";
  addPanel(
    "commands-panel",
    "Commands",
    "The page calls a Python function and awaits its answer.",
    seedAndScale("commands", why) +
      `<form id="greet-form" class="row">
         <input id="greet-input" placeholder="Your name" autocomplete="off" />
         <button id="greet-button" type="submit">Greet</button>
       </form>
       <output id="greet-output"></output>
       <form id="user-form" class="row">
         <input id="user-name" placeholder="Name" autocomplete="off" />
         <input id="user-age" type="number" placeholder="Age" />
         <button id="user-button" type="submit">Create user</button>
       </form>
       <output id="user-output"></output>
       <div class="row">
         <button id="risky-button" type="button">Call a failing command</button>
         <button id="version-button" type="button">Python version</button>
       </div>
       <output id="risky-output"></output>
       <output id="version-output"></output>
       <div class="row"><label>Upload a file <input id="upload-input" type="file" /></label></div>
       <output id="upload-output"></output>`,
  );
  onSeedClick("seed-commands-button", "seed-commands-output", seedSnippet);

  const greetOutput = byId("greet-output");
  byId("greet-form").addEventListener("submit", (event) => {
    event.preventDefault();
    void attempt(greetOutput, async () => {
      const name = byId<HTMLInputElement>("greet-input").value;
      show(greetOutput, await greet(name));
    });
  });

  const userOutput = byId("user-output");
  byId("user-form").addEventListener("submit", (event) => {
    event.preventDefault();
    void attempt(userOutput, async () => {
      const user = await createUser({
        name: byId<HTMLInputElement>("user-name").value,
        age: byId<HTMLInputElement>("user-age").valueAsNumber,
      });
      show(userOutput, `#${user.user_id}: ${user.message}`);
    });
  });

  const riskyOutput = byId("risky-output");
  byId("risky-button").addEventListener("click", () => {
    void attempt(riskyOutput, async () => {
      await riskyOperation();
      show(riskyOutput, "It did not fail?", "info");
    });
  });

  const versionOutput = byId("version-output");
  byId("version-button").addEventListener("click", () => {
    void attempt(versionOutput, async () => {
      show(versionOutput, await getVersion());
    });
  });

  const uploadOutput = byId("upload-output");
  const uploadInput = byId<HTMLInputElement>("upload-input");
  uploadInput.addEventListener("change", () => {
    const file = uploadInput.files?.[0];
    if (!file) return;
    void attempt(uploadOutput, async () => {
      show(uploadOutput, `Uploading ${file.name}…`, "info");
      // Raw bytes as the body; metadata in headers (names URI-encoded, as
      // header values must be Latin-1).
      const result = await uploadFile(await file.arrayBuffer(), {
        headers: {
          "x-file-name": encodeURIComponent(file.name),
          "x-content-type": file.type || "application/octet-stream",
        },
      });
      show(uploadOutput, `${result.name}: ${result.size} bytes, sha256 ${result.sha256}`);
    });
  });
}

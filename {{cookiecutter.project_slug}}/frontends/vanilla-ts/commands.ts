// Commands: the page calls Python and awaits the answer.
// Python side: src/{{ cookiecutter.package_name }}/commands.py

import { createUser, getVersion, greet, riskyOperation, uploadFile } from "./python/commands";
import { addPanel, attempt, byId, show } from "./lib/ui";

export default function mountCommands(): void {
  addPanel(
    "commands-panel",
    "Commands",
    "The page calls a Python function and awaits its answer.",
    `<form id="greet-form" class="row">
       <input id="greet-input" placeholder="Your name" autocomplete="off" />
       <button id="greet-button" type="submit">Greet</button>
     </form>
     <output id="greet-output"></output>
     <form id="user-form" class="row">
       <input id="user-name" placeholder="Display name" autocomplete="off" />
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
        displayName: byId<HTMLInputElement>("user-name").value,
        age: byId<HTMLInputElement>("user-age").valueAsNumber,
      });
      show(userOutput, `#${user.userId}: ${user.message}`);
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

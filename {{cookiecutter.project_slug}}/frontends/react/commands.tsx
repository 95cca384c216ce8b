// Commands: the page calls Python and awaits the answer.
// Python side: commands.py in the package (src/<package>/commands.py).

import { useEffect, useRef, type ChangeEvent, type FormEvent } from "react";
import { pyInvoke } from "tauri-plugin-pytauri-api";
import { errorText } from "./lib/errors";
import { createUser, getVersion, greet, riskyOperation, uploadFile } from "./python/commands";
import {
  AtScale,
  Output,
  Panel,
  Seed,
  useOutput,
  useSeed,
  type PanelProps,
  type Say,
} from "./lib/ui";

/** The seed's snippet: raw `pyInvoke` with the command's Python name. */
async function seedSnippet(say: Say): Promise<void> {
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

export default function Commands({ onReady }: PanelProps) {
  // Inputs stay uncontrolled: the handlers read them when they run.
  const greetInput = useRef<HTMLInputElement>(null);
  const userName = useRef<HTMLInputElement>(null);
  const userAge = useRef<HTMLInputElement>(null);
  const greeting = useOutput();
  const user = useOutput();
  const risky = useOutput();
  const version = useOutput();
  const upload = useOutput();
  const seed = useSeed(seedSnippet);

  // Nothing to wait for: React wires the handlers as it mounts the panel.
  useEffect(onReady, [onReady]);

  function onGreet(event: FormEvent) {
    event.preventDefault();
    void greeting.attempt(async () => {
      greeting.show(await greet(greetInput.current!.value));
    });
  }

  function onCreateUser(event: FormEvent) {
    event.preventDefault();
    void user.attempt(async () => {
      const created = await createUser({
        name: userName.current!.value,
        age: userAge.current!.valueAsNumber,
      });
      user.show(`#${created.user_id}: ${created.message}`);
    });
  }

  function onRisky() {
    void risky.attempt(async () => {
      await riskyOperation();
      risky.show("It did not fail?", "info");
    });
  }

  function onVersion() {
    void version.attempt(async () => {
      version.show(await getVersion());
    });
  }

  function onUpload(event: ChangeEvent<HTMLInputElement>) {
    const file = event.currentTarget.files?.[0];
    if (!file) return;
    void upload.attempt(async () => {
      upload.show(`Uploading ${file.name}…`, "info");
      // Raw bytes as the body; metadata in headers (names URI-encoded, as
      // header values must be Latin-1).
      const result = await uploadFile(await file.arrayBuffer(), {
        headers: {
          "x-file-name": encodeURIComponent(file.name),
          "x-content-type": file.type || "application/octet-stream",
        },
      });
      upload.show(`${result.name}: ${result.size} bytes, sha256 ${result.sha256}`);
    });
  }

  return (
    <Panel
      id="commands-panel"
      title="Commands"
      intro="The page calls a Python function and awaits its answer."
    >
      <Seed example="commands" {...seed} />
      <AtScale why="The client types each call from the Python models: a wrong field fails tsc, not the user." />
      <form id="greet-form" className="row" onSubmit={onGreet}>
        <input id="greet-input" ref={greetInput} placeholder="Your name" autoComplete="off" />
        <button id="greet-button" type="submit">
          Greet
        </button>
      </form>
      <Output id="greet-output" shown={greeting.shown} />
      <form id="user-form" className="row" onSubmit={onCreateUser}>
        <input id="user-name" ref={userName} placeholder="Name" autoComplete="off" />
        <input id="user-age" ref={userAge} type="number" placeholder="Age" />
        <button id="user-button" type="submit">
          Create user
        </button>
      </form>
      <Output id="user-output" shown={user.shown} />
      <div className="row">
        <button id="risky-button" type="button" onClick={onRisky}>
          Call a failing command
        </button>
        <button id="version-button" type="button" onClick={onVersion}>
          Python version
        </button>
      </div>
      <Output id="risky-output" shown={risky.shown} />
      <Output id="version-output" shown={version.shown} />
      <div className="row">
        <label>
          Upload a file <input id="upload-input" type="file" onChange={onUpload} />
        </label>
      </div>
      <Output id="upload-output" shown={upload.shown} />
    </Panel>
  );
}

// Managed state: Python keeps shared state between command calls.
// Python side: src/{{ cookiecutter.package_name }}/state.py

import { pyInvoke } from "tauri-plugin-pytauri-api";
import { getStateSummary, incrementCounter, postMessage } from "./python/state";
import { addPanel, attempt, byId, onSeedClick, seedAndScale, show } from "./lib/ui";

/** The seed's snippet: commands automatically have access to state. */
async function seedSnippet(say: (line: string) => void): Promise<void> {
  const newCount = await pyInvoke<number>("increment_counter");
  say(`increment_counter: ${newCount}`);

  await pyInvoke("add_message", "Hello from frontend!");
  say("add_message: stored");

  const info = await pyInvoke<{ counter: number; user: string; message_count: number }>(
    "get_user_info",
  );
  say(
    `get_user_info: counter ${info.counter}, user ${info.user}, ` +
      `message_count ${info.message_count}`,
  );
}

export default function mountState(): void {
  const why =
    "A model body with a size limit that answers the new count: " +
    "memory stays bounded and the page fetches less.";
  addPanel(
    "state-panel",
    "Managed state",
    "Python keeps state between calls: reload the page and it is still there.",
    seedAndScale("state", why) +
      `<div class="row">
         <button id="counter-button" type="button">Increment counter</button>
         <output id="counter-output"></output>
       </div>
       <form id="message-form" class="row">
         <input id="message-text" placeholder="A message to store" autocomplete="off" />
         <button id="message-add" type="submit">Store</button>
       </form>
       <output id="message-output"></output>
       <div class="row"><button id="info-button" type="button">Read state</button></div>
       <output id="info-output"></output>`,
  );
  onSeedClick("seed-state-button", "seed-state-output", seedSnippet);

  const counterOutput = byId("counter-output");
  byId("counter-button").addEventListener("click", () => {
    void attempt(counterOutput, async () => {
      show(counterOutput, String(await incrementCounter()));
    });
  });

  const messageOutput = byId("message-output");
  byId("message-form").addEventListener("submit", (event) => {
    event.preventDefault();
    void attempt(messageOutput, async () => {
      const text = byId<HTMLInputElement>("message-text").value;
      const count = await postMessage({ text });
      show(messageOutput, `Stored; Python now holds ${count} message(s).`);
    });
  });

  const infoOutput = byId("info-output");
  byId("info-button").addEventListener("click", () => {
    void attempt(infoOutput, async () => {
      const info = await getStateSummary();
      show(
        infoOutput,
        `counter ${info.counter}, user ${info.userName}, ${info.messageCount} message(s)` +
          (info.lastMessage === null ? "" : `, last: ${info.lastMessage}`),
      );
    });
  });
}

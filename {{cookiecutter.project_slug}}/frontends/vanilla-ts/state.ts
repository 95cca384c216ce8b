// Managed state: Python keeps shared state between command calls.
// Python side: src/{{ cookiecutter.package_name }}/state.py

import { addMessage, getUserInfo, incrementCounter } from "./python/state";
import { addPanel, attempt, byId, show } from "./lib/ui";

export default function mountState(): void {
  addPanel(
    "state-panel",
    "Managed state",
    "Python keeps state between calls: reload the page and it is still there.",
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
      const count = await addMessage({ text });
      show(messageOutput, `Stored; Python now holds ${count} message(s).`);
    });
  });

  const infoOutput = byId("info-output");
  byId("info-button").addEventListener("click", () => {
    void attempt(infoOutput, async () => {
      const info = await getUserInfo();
      show(
        infoOutput,
        `counter ${info.counter}, user ${info.userName}, ${info.messageCount} message(s)` +
          (info.lastMessage === null ? "" : `, last: ${info.lastMessage}`),
      );
    });
  });
}

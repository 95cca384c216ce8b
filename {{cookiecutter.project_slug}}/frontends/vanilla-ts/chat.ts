// Chat: the four APIs together. Python's state keeps the history (saved to
// disk), a command sends the message, a channel streams the reply, events
// report the status. Python side: src/{{ cookiecutter.package_name }}/chat.py

import {
  listen,
  loadConversation,
  newConversation,
  openChat,
  sendMessage,
  sendMessageChannel,
  stopReply,
} from "./python/chat";
import { errorText } from "./lib/errors";
import { addPanel, attempt, byId, show } from "./lib/ui";

type Conversation = Awaited<ReturnType<typeof loadConversation>>;
type ChatMessage = Conversation["messages"][number];

export default async function mountChat(): Promise<void> {
  addPanel(
    "chat-demo-panel",
    "Chat",
    "History kept by Python (and saved to disk), your message sent by a command, " +
      "the reply streamed over a channel, the status reported by events.",
    `<div class="row">
       <select id="chat-demo-conversations" aria-label="Conversation"></select>
       <button id="chat-demo-new" type="button">New conversation</button>
       <span id="chat-demo-status" class="chat-status" data-status="">connecting…</span>
     </div>
     <output id="chat-demo-detail"></output>
     <ol id="chat-demo-history" class="chat-history"></ol>
     <form id="chat-demo-form" class="row">
       <input id="chat-demo-input" placeholder="Message the fake model" autocomplete="off" />
       <button id="chat-demo-send" type="submit">Send</button>
       <button id="chat-demo-stop" type="button" disabled>Stop</button>
     </form>
     <output id="chat-demo-notice"></output>`,
  );
  const picker = byId<HTMLSelectElement>("chat-demo-conversations");
  const history = byId("chat-demo-history");
  const input = byId<HTMLInputElement>("chat-demo-input");
  const send = byId<HTMLButtonElement>("chat-demo-send");
  const stop = byId<HTMLButtonElement>("chat-demo-stop");
  const notice = byId("chat-demo-notice");

  // The indicator shows only what Python reports ("connected", "generating",
  // "idle", "error"): listen before the first call, so nothing is missed.
  const status = byId("chat-demo-status");
  const detail = byId("chat-demo-detail");
  await listen("chat-status", (event) => {
    status.textContent = event.payload.status;
    status.dataset.status = event.payload.status;
    show(detail, event.payload.detail, event.payload.status === "error" ? "error" : "info");
  });

  function addMessage(message: ChatMessage): HTMLLIElement {
    const item = document.createElement("li");
    item.className = `chat-${message.role}`;
    item.textContent = message.text; // text only: a reply is never markup
    history.append(item);
    return item;
  }

  function addChoice(id: string, title: string, selected: boolean): void {
    picker.append(new Option(title, id, selected, selected));
  }

  /** Show a conversation as Python has it stored. */
  async function display(conversationId: string): Promise<void> {
    const conversation = await loadConversation({ conversationId });
    history.replaceChildren();
    conversation.messages.forEach(addMessage);
  }

  picker.addEventListener("change", () => void attempt(notice, () => display(picker.value)));

  byId("chat-demo-new").addEventListener("click", () => {
    void attempt(notice, async () => {
      const created = await newConversation();
      addChoice(created.id, created.title, true);
      history.replaceChildren();
    });
  });

  byId("chat-demo-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const conversationId = picker.value;
    const text = input.value;
    addMessage({ role: "user", text });
    const reply = addMessage({ role: "assistant", text: "" });
    // Each piece of the reply arrives as a ReplyChunk on this channel.
    const channel = sendMessageChannel((chunk) => {
      reply.textContent += chunk.text;
    });
    send.disabled = true;
    stop.disabled = false;
    show(notice, "");
    void (async () => {
      try {
        const result = await sendMessage({ conversationId, text, channel: channel.toJSON() });
        // The answer may overtake the last chunks: it holds the whole reply.
        reply.textContent = result.reply;
        input.value = "";
        const choice = picker.selectedOptions[0];
        if (choice) choice.text = result.title;
      } catch (error) {
        show(notice, errorText(error), "error");
        await attempt(notice, () => display(conversationId)); // what Python kept
      } finally {
        send.disabled = false;
        stop.disabled = true;
      }
    })();
  });

  stop.addEventListener("click", () => {
    void attempt(notice, async () => {
      await stopReply({ conversationId: picker.value });
    });
  });

  // Python loaded the history at start; show the newest conversation.
  await attempt(notice, async () => {
    const overview = await openChat();
    const conversations = [...overview.conversations];
    if (conversations.length === 0) conversations.push(await newConversation());
    conversations.forEach((c, i) => addChoice(c.id, c.title, i === conversations.length - 1));
    await display(picker.value);
    // Files that could not be read were set aside: say so until the next message.
    if (overview.problems.length > 0) show(notice, overview.problems.join(" "), "error");
  });
}

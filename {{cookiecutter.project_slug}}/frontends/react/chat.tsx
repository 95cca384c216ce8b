// Chat: the four APIs together. Python's state keeps the history (saved to
// disk), a command sends the message, a channel streams the reply, events
// report the status. Python side: chat.py in the package (src/<package>/chat.py).

import { useCallback, useEffect, useRef, useState, type FormEvent } from "react";
import { errorText } from "./lib/errors";
import {
  listen,
  loadConversation,
  newConversation,
  openChat,
  sendMessage,
  sendMessageChannel,
  stopReply,
} from "./python/chat";
import { Output, Panel, subscriptions, useOutput, type PanelProps } from "./lib/ui";

type Conversation = Awaited<ReturnType<typeof loadConversation>>;
type ChatMessage = Conversation["messages"][number];
/** A message as shown: with a key, so a streamed reply can find its own item. */
type ShownMessage = ChatMessage & { key: number };
interface Choice {
  id: string;
  title: string;
}

let lastKey = 0;
function nextKey(): number {
  return ++lastKey;
}

export default function Chat({ onReady }: PanelProps) {
  const input = useRef<HTMLInputElement>(null);
  const [choices, setChoices] = useState<Choice[]>([]);
  const [selected, setSelected] = useState("");
  const [messages, setMessages] = useState<ShownMessage[]>([]);
  // The indicator shows only what Python reports: "connected", "generating",
  // "idle" or "error" ("" until the first report).
  const [status, setStatus] = useState("");
  const detail = useOutput();
  const notice = useOutput();
  const { show: showDetail } = detail;
  const { show: showNotice, attempt: attemptNotice } = notice;
  // The conversation a reply is streaming into, if any (read by Stop and the cleanup).
  const replyingTo = useRef<string | null>(null);
  const [replying, setReplying] = useState(false);

  /** Show a conversation as Python has it stored. */
  const display = useCallback(async (conversationId: string) => {
    const conversation = await loadConversation({ conversationId });
    setMessages(conversation.messages.map((message) => ({ ...message, key: nextKey() })));
  }, []);

  useEffect(() => {
    const listeners = subscriptions();
    void attemptNotice(async () => {
      // Listen before the first call, so no status report is missed.
      listeners.add(
        await listen("chat-status", (event) => {
          const report = event.payload;
          setStatus(report.status);
          showDetail(report.detail, report.status === "error" ? "error" : "info");
        }),
      );
      if (listeners.closed) return; // unmounted meanwhile
      // Python loaded the history at start; show the newest conversation.
      await attemptNotice(async () => {
        const overview = await openChat();
        const conversations = [...overview.conversations];
        if (conversations.length === 0) conversations.push(await newConversation());
        setChoices(conversations.map(({ id, title }) => ({ id, title })));
        const newest = conversations[conversations.length - 1]!;
        setSelected(newest.id);
        await display(newest.id);
        // Files that could not be read were set aside: say so until the next message.
        if (overview.problems.length > 0) showNotice(overview.problems.join(" "), "error");
      });
      if (!listeners.closed) onReady();
    });
    return listeners.close;
  }, [attemptNotice, showNotice, showDetail, display, onReady]);

  // Leaving while a reply streams: stop it, so Python does not write on for nobody.
  useEffect(() => {
    return () => {
      const conversationId = replyingTo.current;
      if (conversationId) stopReply({ conversationId }).catch(() => undefined);
    };
  }, []);

  function onPick(conversationId: string) {
    setSelected(conversationId);
    void notice.attempt(() => display(conversationId));
  }

  function onNew() {
    void notice.attempt(async () => {
      const created = await newConversation();
      setChoices((list) => [...list, { id: created.id, title: created.title }]);
      setSelected(created.id);
      setMessages([]);
    });
  }

  function onSend(event: FormEvent) {
    event.preventDefault();
    const conversationId = selected;
    const text = input.current!.value;
    const replyKey = nextKey();
    const updateReply = (update: (text: string) => string) =>
      setMessages((list) =>
        list.map((m) => (m.key === replyKey ? { ...m, text: update(m.text) } : m)),
      );
    const userMessage: ShownMessage = { key: nextKey(), role: "user", text };
    setMessages((list) => [...list, userMessage, { key: replyKey, role: "assistant", text: "" }]);
    // Each piece of the reply arrives as a ReplyChunk on this channel.
    let answered = false;
    const channel = sendMessageChannel((chunk) => {
      if (!answered) updateReply((reply) => reply + chunk.text);
    });
    replyingTo.current = conversationId;
    setReplying(true);
    notice.show("");
    void (async () => {
      try {
        const result = await sendMessage({ conversationId, text, channel: channel.toJSON() });
        // The answer holds the whole reply and may overtake the last chunks:
        // show it, and ignore any chunk that comes after.
        answered = true;
        updateReply(() => result.reply);
        if (input.current) input.current.value = "";
        setChoices((list) =>
          list.map((c) => (c.id === conversationId ? { ...c, title: result.title } : c)),
        );
      } catch (error) {
        answered = true;
        notice.show(errorText(error), "error");
        await notice.attempt(() => display(conversationId)); // what Python kept
      } finally {
        replyingTo.current = null;
        setReplying(false);
      }
    })();
  }

  function onStop() {
    const conversationId = replyingTo.current;
    if (!conversationId) return;
    void notice.attempt(async () => {
      await stopReply({ conversationId });
    });
  }

  return (
    <Panel
      id="chat-demo-panel"
      title="Chat"
      intro={
        "History kept by Python (and saved to disk), your message sent by a command, " +
        "the reply streamed over a channel, the status reported by events."
      }
    >
      <div className="row">
        <select
          id="chat-demo-conversations"
          aria-label="Conversation"
          value={selected}
          onChange={(event) => onPick(event.currentTarget.value)}
        >
          {choices.map((choice) => (
            <option key={choice.id} value={choice.id}>
              {choice.title}
            </option>
          ))}
        </select>
        <button id="chat-demo-new" type="button" onClick={onNew}>
          New conversation
        </button>
        <span id="chat-demo-status" className="chat-status" data-status={status}>
          {status || "connecting…"}
        </span>
      </div>
      <Output id="chat-demo-detail" shown={detail.shown} />
      <ol id="chat-demo-history" className="chat-history">
        {messages.map((message) => (
          // Text only: React never renders a reply as markup.
          <li key={message.key} className={`chat-${message.role}`}>
            {message.text}
          </li>
        ))}
      </ol>
      <form id="chat-demo-form" className="row" onSubmit={onSend}>
        <input
          id="chat-demo-input"
          ref={input}
          placeholder="Message the fake model"
          autoComplete="off"
        />
        <button id="chat-demo-send" type="submit" disabled={replying}>
          Send
        </button>
        <button id="chat-demo-stop" type="button" disabled={!replying} onClick={onStop}>
          Stop
        </button>
      </form>
      <Output id="chat-demo-notice" shown={notice.shown} />
    </Panel>
  );
}

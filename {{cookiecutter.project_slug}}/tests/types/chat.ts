// Chat misuse the typed client must refuse: see commands.ts in this folder.
import {
  listen,
  loadConversation,
  sendMessage,
  sendMessageChannel,
  stopReply,
} from "../../web/python/chat";

export async function wrongCalls(): Promise<void> {
  const channel = sendMessageChannel((chunk) => console.log(chunk.text));
  // expect TS2551: reply chunks have `text`, not `txt`
  sendMessageChannel((chunk) => console.log(chunk.txt));
  // expect TS2322: a channel travels as its id (channel.toJSON()), not as the object
  await sendMessage({ conversationId: "c", text: "hi", channel });
  // expect TS2353: the page cannot choose the role; Python stores its message as "user"
  await sendMessage({ conversationId: "c", text: "hi", channel: channel.toJSON(), role: "user" });
  // expect TS2345: stop_reply needs the conversation's id
  await stopReply({});
  // expect TS2345: Python sends no "chat-state" event
  await listen("chat-state", () => {});
  await listen("chat-status", (event) => {
    // expect TS2367: the status is connected, generating, idle or error
    if (event.payload.status === "busy") console.log("never");
  });
  const conversation = await loadConversation({ conversationId: "c" });
  // expect TS2367: messages are from the user or the assistant
  if (conversation.messages[0]?.role === "system") console.log("never");
}

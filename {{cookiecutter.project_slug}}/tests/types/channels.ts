// Channel misuse the typed client must refuse: see commands.ts in this folder.
import {
  streamAiChat,
  streamAiChatChannel,
  streamData,
  streamDataChannel,
} from "../../web/python/channels";

export async function wrongCalls(): Promise<void> {
  // expect TS2551: chat chunks have `text`, not `txt`
  streamAiChatChannel((chunk) => console.log(chunk.txt));
  // expect TS2345: stream_data sends strings, not numbers
  streamDataChannel((message: number) => console.log(message));
  const channel = streamAiChatChannel((chunk) => console.log(chunk.text));
  // expect TS2322: a channel travels as its id (channel.toJSON()), not as the object
  await streamAiChat({ channel, streamId: "s", prompt: "hi" });
  // expect TS2353: stream_ai_chat's body has no `count`
  await streamAiChat({ channel: channel.toJSON(), streamId: "s", prompt: "hi", count: 3 });
  // expect TS2322: stream_data's interval is a number
  await streamData({ channel: channel.toJSON(), streamId: "s", intervalMs: "fast" });
}

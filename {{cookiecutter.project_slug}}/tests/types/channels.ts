// Channel misuse the typed client must refuse: see commands.ts in this folder.
import {
  streamAiChat,
  streamAiChatChannel,
  streamBatched,
  streamData,
  streamDataChannel,
  streamReply,
  streamReplyChannel,
} from "../../web/python/channels";

export async function wrongCalls(): Promise<void> {
  // expect TS2345: stream_data sends strings, not numbers
  streamDataChannel((message: number) => console.log(message));
  // expect TS2551: the seed's chat chunks have `text`, not `txt`
  streamAiChatChannel((chunk) => console.log(chunk.txt));
  const data = streamDataChannel((message) => console.log(message.toUpperCase()));
  // expect TS2345: the seed's body is the channel's id (channel.toJSON()), not the object
  await streamData(data);
  // expect TS2345: stream_ai_chat's body is the channel alone, not a request
  await streamAiChat({ channel: data.toJSON(), prompt: "hi" });
  // expect TS2551: stream_reply's chunks have `text`, not `txt`
  streamReplyChannel((chunk) => console.log(chunk.txt));
  const channel = streamReplyChannel((chunk) => console.log(chunk.text));
  // expect TS2322: a channel travels as its id (channel.toJSON()), not as the object
  await streamReply({ channel, streamId: "s", prompt: "hi" });
  // expect TS2353: stream_reply's body has no `count`
  await streamReply({ channel: channel.toJSON(), streamId: "s", prompt: "hi", count: 3 });
  // expect TS2322: stream_batched's interval is a number
  await streamBatched({ channel: channel.toJSON(), streamId: "s", intervalMs: "fast" });
  // expect TS2339: the seed's streams answer nothing
  console.log((await streamData(data.toJSON()))?.sent);
}

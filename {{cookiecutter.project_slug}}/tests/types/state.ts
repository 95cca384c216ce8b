// State-command misuse the typed client must refuse: see commands.ts in this folder.
import {
  addMessage,
  getStateSummary,
  getUserInfo,
  incrementCounter,
  postMessage,
} from "../../web/python/state";

export async function wrongCalls(): Promise<void> {
  // expect TS2345: the seed's add_message takes a string, not a model
  await addMessage({ text: "hi" });
  // expect TS2345: a body for a command that takes none
  await incrementCounter(5);
  // expect TS2551: the seed's answer keeps Python's names (message_count)
  console.log((await getUserInfo()).messageCount);
  // expect TS2353: a body field the model does not have
  await postMessage({ text: "hi", author: "me" });
  // expect TS2322: post_message answers the new count, a number
  const count: string = await postMessage({ text: "hi" });
  console.log(count);
  // expect TS2551: the summary's fields are camelCase, as on the wire
  console.log((await getStateSummary()).user_name);
}

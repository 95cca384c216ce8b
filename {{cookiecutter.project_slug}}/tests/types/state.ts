// State-command misuse the typed client must refuse: see commands.ts in this folder.
import { addMessage, getUserInfo, incrementCounter } from "../../web/python/state";

export async function wrongCalls(): Promise<void> {
  // expect TS2353: a body field the model does not have
  await addMessage({ text: "hi", author: "me" });
  // expect TS2345: a body for a command that takes none
  await incrementCounter(5);
  // expect TS2551: the answer's fields are camelCase, as on the wire
  console.log((await getUserInfo()).user_name);
}

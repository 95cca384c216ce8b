// Event misuse the typed client must refuse: see commands.ts in this folder.
import { emit, listen, once } from "../../web/python/events";

export async function wrongCalls(): Promise<void> {
  // expect TS2322: the payload's field has the wrong type
  await emit("page-message", { text: 42 });
  // expect TS2353: a field the payload does not have
  await emit("page-message", { text: "hi", sender: "me" });
  // expect TS2345: a payload missing its field
  await emit("page-ready", {});
  // expect TS2345: an event name Python does not declare
  await emit("page-mesage", { text: "hi" });
  // expect TS2345: python-notice goes Python -> page: the page cannot emit it
  await emit("python-notice", { text: "x", target: "all", sentAt: "now" });
  // expect TS2339: a reply has no `message`
  await listen("python-reply", (event) => console.log(event.payload.message));
  // expect TS2339: a notice's `sentAt` is ISO 8601 text, not a Date
  await listen("python-notice", (event) => console.log(event.payload.sentAt.getTime()));
  // expect TS2345: page-message goes page -> Python: it never arrives here
  await once("page-message", () => {});
}

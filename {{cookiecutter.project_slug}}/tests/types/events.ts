// Event misuse the typed client must refuse: see commands.ts in this folder.
import {
  emit,
  listen,
  notifyAll,
  once,
  seedEventsHeard,
  unlistenFrontendAction,
} from "../../web/python/events";

export async function wrongCalls(): Promise<void> {
  // expect TS2345: a frontend-action carries `data` too
  await emit("frontend-action", { action: "save" });
  // expect TS2322: a frontend-action's data is an object
  await emit("frontend-action", { action: "save", data: "value" });
  // expect TS2345: data-updated goes Python -> page: the page cannot emit it
  await emit("data-updated", { status: "updated", count: 1 });
  // expect TS2339: data-updated's count is a number
  await listen("data-updated", (event) => console.log(event.payload.count.toUpperCase()));
  // expect TS2551: a notification's text is `message`
  await listen("notification", (event) => console.log(event.payload.messages));
  // expect TS2367: an alert's priority is a string
  await listen("alert", (event) => console.log(event.payload.priority === 1));
  // expect TS2345: frontend-action goes page -> Python: it never arrives here
  await listen("frontend-action", () => {});
  // expect TS2551: the answer keeps Python's names (frontend_actions)
  console.log((await seedEventsHeard()).frontendActions);
  // expect TS2345: these commands take no body
  await notifyAll({ count: 1 });
  // expect TS2322: unlisten answers a boolean
  const unlistened: string = await unlistenFrontendAction();
  console.log(unlistened);
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

// Window misuse the typed client must refuse: see commands.ts in this folder.
import { listen, openWindow, sendToWindow, sendToWindows } from "../../web/python/windows";

export async function wrongCalls(): Promise<void> {
  // expect TS2345: open_window takes no body
  await openWindow({ label: "window-2" });
  // expect TS2345: a note names its window and its text
  await sendToWindow({ label: "main" });
  // expect TS2322: the labels are a list
  await sendToWindows({ labels: "main", text: "hi" });
  // expect TS2345: no such event
  await listen("window-notes", () => {});
  await listen("window-note", (event) => {
    // expect TS2339: a note has a sender, not a from
    console.log(event.payload.from);
  });
}

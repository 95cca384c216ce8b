// Desktop misuse the typed client must refuse: see commands.ts in this folder.
import { desktopStatus, listen, notify, openFile, saveFile } from "../../web/python/desktop";

export async function wrongCalls(): Promise<void> {
  // expect TS2353: save_file takes the text only
  await saveFile({ text: "hi", path: "/etc/passwd" });
  // expect TS2345: a notification needs a title
  await notify({ body: "no title" });
  // expect TS2531: open_file answers null when the dialog is cancelled
  console.log((await openFile()).name);
  // expect TS2551: the status fields are camelCase, as on the wire
  console.log((await desktopStatus()).single_instance);
  // expect TS2345: no such event
  await listen("file-saved", () => {});
}

// Desktop: file dialogs, notifications, links in the browser; the menu bar,
// the tray, one instance and the window's place need no page code.
// Python side: src/{{ cookiecutter.package_name }}/desktop.py

import {
  isPermissionGranted,
  requestPermission,
  sendNotification,
} from "@tauri-apps/plugin-notification";
import { openUrl } from "@tauri-apps/plugin-opener";
import { desktopStatus, listen, notify, openFile, saveFile } from "./python/desktop";
import { addPanel, attempt, byId, show } from "./lib/ui";

type DesktopStatus = Awaited<ReturnType<typeof desktopStatus>>;
type OpenedFile = NonNullable<Awaited<ReturnType<typeof openFile>>>;

const NOTE = { title: "Hello from the page", body: "Sent by the page's notification API." };

function showFile(file: OpenedFile): void {
  show(byId("desktop-file"), `${file.name} (${file.size} bytes)\n${file.preview}`);
}

/** One line per piece this machine lacks, or that all is there. */
function statusText(status: DesktopStatus): string {
  const missing = [status.tray, status.singleInstance, status.notifications].filter(Boolean);
  return missing.join("\n") || "Menu bar, tray icon, notifications and one instance: all here.";
}

/** Links leave for the system browser (http and https only); the app stays. */
function openLinksInBrowser(output: HTMLElement): void {
  document.addEventListener("click", (event) => {
    const link = (event.target as Element | null)?.closest("a[href]");
    if (!(link instanceof HTMLAnchorElement) || !/^https?:$/.test(link.protocol)) return;
    event.preventDefault();
    void attempt(output, async () => {
      await openUrl(link.href);
      show(output, `Opened ${link.href} in the system browser`);
    });
  });
}

export default async function mountDesktop(): Promise<void> {
  addPanel(
    "desktop-panel",
    "Desktop",
    "File dialogs, notifications and links; the File menu, the tray icon, one instance " +
      "and the window's place come with it.",
    `<output id="desktop-status"></output>
     <div class="row"><button id="desktop-open" type="button">Open…</button></div>
     <output id="desktop-file"></output>
     <textarea id="desktop-text" rows="3">Notes written in the page.</textarea>
     <div class="row"><button id="desktop-save" type="button">Save…</button></div>
     <output id="desktop-saved"></output>
     <div class="row">
       <button id="desktop-notify-python" type="button">Notify from Python</button>
       <button id="desktop-notify-page" type="button">Notify from the page</button>
     </div>
     <output id="desktop-notify-output"></output>
     <p>Links open in your browser:
       <a id="desktop-link" href="https://pytauri.github.io/pytauri/">PyTauri's documentation</a></p>
     <output id="desktop-link-output"></output>`,
  );
  const fileOutput = byId("desktop-file");
  const saved = byId("desktop-saved");
  const notifyOutput = byId("desktop-notify-output");

  async function save(): Promise<void> {
    await attempt(saved, async () => {
      const text = byId<HTMLTextAreaElement>("desktop-text").value;
      const file = await saveFile({ text });
      if (file) show(saved, `Saved ${file.size} bytes to ${file.path}`); // null: cancelled
    });
  }

  // The File menu and a second launch open files from Python's side.
  await listen("file-opened", (event) => showFile(event.payload));
  await listen("save-asked", () => void save());
  openLinksInBrowser(byId("desktop-link-output"));

  const status = await desktopStatus();
  show(byId("desktop-status"), statusText(status), "info");
  if (status.lastFile) showFile(status.lastFile);

  byId("desktop-open").addEventListener("click", () => {
    void attempt(fileOutput, async () => {
      const file = await openFile();
      if (file) showFile(file); // null: cancelled, nothing changes
    });
  });
  byId("desktop-save").addEventListener("click", () => void save());
  byId("desktop-notify-python").addEventListener("click", () => {
    void attempt(notifyOutput, async () => {
      const title = "Hello from Python";
      const result = await notify({ title, body: "Sent by desktop.py." });
      if (result.shown) show(notifyOutput, `Python sent "${title}"`);
      else show(notifyOutput, result.problem ?? "Not shown", "error");
    });
  });
  byId("desktop-notify-page").addEventListener("click", () => {
    void attempt(notifyOutput, async () => {
      // The page's API gives no error when nothing can show it: ask Python first.
      const { notifications } = await desktopStatus();
      if (notifications) return show(notifyOutput, notifications, "error");
      if (!(await isPermissionGranted()) && (await requestPermission()) !== "granted") {
        return show(notifyOutput, "Notifications are not permitted", "error");
      }
      sendNotification(NOTE);
      show(notifyOutput, `The page sent "${NOTE.title}"`);
    });
  });
}

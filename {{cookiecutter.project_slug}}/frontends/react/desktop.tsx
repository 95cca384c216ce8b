// Desktop: file dialogs, notifications, links in the browser; the menu bar,
// the tray, one instance and the window's place need no page code.
// Python side: desktop.py in the package (src/<package>/desktop.py).

import {
  isPermissionGranted,
  requestPermission,
  sendNotification,
} from "@tauri-apps/plugin-notification";
import { openUrl } from "@tauri-apps/plugin-opener";
import { useCallback, useEffect, useRef } from "react";
import { desktopStatus, listen, notify, openFile, saveFile } from "./python/desktop";
import { Output, Panel, subscriptions, useOutput, type PanelProps } from "./lib/ui";

type DesktopStatus = Awaited<ReturnType<typeof desktopStatus>>;
type OpenedFile = NonNullable<Awaited<ReturnType<typeof openFile>>>;

const NOTE = { title: "Hello from the page", body: "Sent by the page's notification API." };

function fileText(file: OpenedFile): string {
  return `${file.name} (${file.size} bytes)\n${file.preview}`;
}

/** One line per piece this machine lacks, or that all is there. */
function statusText(status: DesktopStatus): string {
  const missing = [status.tray, status.singleInstance, status.notifications].filter(Boolean);
  return missing.join("\n") || "Menu bar, tray icon, notifications and one instance: all here.";
}

export default function Desktop({ onReady }: PanelProps) {
  const text = useRef<HTMLTextAreaElement>(null);
  const status = useOutput();
  const file = useOutput();
  const saved = useOutput();
  const notifyOutput = useOutput();
  const link = useOutput();
  const { show: showStatus, attempt: attemptStatus } = status;
  const { show: showFile } = file;
  const { show: showSaved, attempt: attemptSaved } = saved;
  const { show: showLink, attempt: attemptLink } = link;

  // Stable, so the listener below can call it: File > Save… asks for it too.
  const save = useCallback(async () => {
    await attemptSaved(async () => {
      const written = await saveFile({ text: text.current!.value });
      if (written) showSaved(`Saved ${written.size} bytes to ${written.path}`); // null: cancelled
    });
  }, [attemptSaved, showSaved]);

  // The File menu and a second launch open files from Python's side. The
  // listeners are this window's own; the cleanup unlistens them.
  useEffect(() => {
    const listeners = subscriptions();
    void attemptStatus(async () => {
      listeners.add(await listen("file-opened", (event) => showFile(fileText(event.payload))));
      listeners.add(await listen("save-asked", () => void save()));
      const answer = await desktopStatus();
      if (listeners.closed) return; // unmounted meanwhile
      showStatus(statusText(answer), "info");
      if (answer.lastFile) showFile(fileText(answer.lastFile));
      onReady();
    });
    return listeners.close;
  }, [attemptStatus, showStatus, showFile, save, onReady]);

  // Links leave for the system browser (http and https only); the app stays.
  // Every link on the page, not only this panel's: the handler is the document's,
  // and goes with the panel.
  useEffect(() => {
    const onClick = (event: MouseEvent) => {
      const anchor = (event.target as Element | null)?.closest("a[href]");
      if (!(anchor instanceof HTMLAnchorElement) || !/^https?:$/.test(anchor.protocol)) return;
      event.preventDefault();
      void attemptLink(async () => {
        await openUrl(anchor.href);
        showLink(`Opened ${anchor.href} in the system browser`);
      });
    };
    document.addEventListener("click", onClick);
    return () => document.removeEventListener("click", onClick);
  }, [attemptLink, showLink]);

  function onOpen() {
    void file.attempt(async () => {
      const opened = await openFile();
      if (opened) file.show(fileText(opened)); // null: cancelled, nothing changes
    });
  }

  function onNotifyPython() {
    void notifyOutput.attempt(async () => {
      const title = "Hello from Python";
      const result = await notify({ title, body: "Sent by desktop.py." });
      if (result.shown) notifyOutput.show(`Python sent "${title}"`);
      else notifyOutput.show(result.problem ?? "Not shown", "error");
    });
  }

  function onNotifyPage() {
    void notifyOutput.attempt(async () => {
      // The page's API gives no error when nothing can show it: ask Python first.
      const { notifications } = await desktopStatus();
      if (notifications) return notifyOutput.show(notifications, "error");
      if (!(await isPermissionGranted()) && (await requestPermission()) !== "granted") {
        return notifyOutput.show("Notifications are not permitted", "error");
      }
      sendNotification(NOTE);
      notifyOutput.show(`The page sent "${NOTE.title}"`);
    });
  }

  return (
    <Panel
      id="desktop-panel"
      title="Desktop"
      intro={
        "File dialogs, notifications and links; the File menu, the tray icon, one instance " +
        "and the window's place come with it."
      }
    >
      <Output id="desktop-status" shown={status.shown} />
      <div className="row">
        <button id="desktop-open" type="button" onClick={onOpen}>
          Open…
        </button>
      </div>
      <Output id="desktop-file" shown={file.shown} />
      <textarea id="desktop-text" ref={text} rows={3} defaultValue="Notes written in the page." />
      <div className="row">
        <button id="desktop-save" type="button" onClick={() => void save()}>
          Save…
        </button>
      </div>
      <Output id="desktop-saved" shown={saved.shown} />
      <div className="row">
        <button id="desktop-notify-python" type="button" onClick={onNotifyPython}>
          Notify from Python
        </button>
        <button id="desktop-notify-page" type="button" onClick={onNotifyPage}>
          Notify from the page
        </button>
      </div>
      <Output id="desktop-notify-output" shown={notifyOutput.shown} />
      <p>
        Links open in your browser:{" "}
        <a id="desktop-link" href="https://pytauri.github.io/pytauri/">
          PyTauri's documentation
        </a>
      </p>
      <Output id="desktop-link-output" shown={link.shown} />
    </Panel>
  );
}

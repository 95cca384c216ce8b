// Renders every panel, and marks the page ready once each has said it is wired.

import { useCallback, useEffect, useState } from "react";
import { panels, type PanelEntry } from "./panels";

export function App() {
  const [wired, setWired] = useState<ReadonlySet<string>>(new Set());
  // A Set, not a count: in dev, StrictMode runs every effect twice.
  const onWired = useCallback((name: string) => {
    setWired((names) => (names.has(name) ? names : new Set(names).add(name)));
  }, []);

  useEffect(() => {
    // Tests wait for this: every panel is wired.
    if (wired.size === panels.length) document.body.dataset.ready = "true";
  }, [wired]);

  return panels.map((entry) => <PanelSlot key={entry.name} entry={entry} onWired={onWired} />);
}

/** One panel, with an onReady that stays the same between renders (effects depend on it). */
function PanelSlot({ entry, onWired }: { entry: PanelEntry; onWired: (name: string) => void }) {
  const { name, Panel } = entry;
  const onReady = useCallback(() => onWired(name), [name, onWired]);
  return <Panel onReady={onReady} />;
}

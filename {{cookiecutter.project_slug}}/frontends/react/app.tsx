// Renders every panel, and marks the page ready once each has said it is wired.

import { useCallback, useEffect, useState, type ComponentType } from "react";
import { panels } from "./panels";
import type { PanelProps } from "./lib/ui";

export function App() {
  const [wired, setWired] = useState<ReadonlySet<number>>(new Set());
  // A Set, not a count: in dev, StrictMode runs every effect twice.
  const onWired = useCallback((index: number) => {
    setWired((indexes) => (indexes.has(index) ? indexes : new Set(indexes).add(index)));
  }, []);

  useEffect(() => {
    // Tests wait for this: every panel is wired.
    if (wired.size === panels.length) document.body.dataset.ready = "true";
  }, [wired]);

  // The list never changes while the page runs, so its positions are stable keys.
  return panels.map((Panel, index) => (
    <PanelSlot key={index} Panel={Panel} index={index} onWired={onWired} />
  ));
}

/** One panel, with an onReady that stays the same between renders (effects depend on it). */
function PanelSlot(props: {
  Panel: ComponentType<PanelProps>;
  index: number;
  onWired: (index: number) => void;
}) {
  const { Panel, index, onWired } = props;
  const onReady = useCallback(() => onWired(index), [index, onWired]);
  return <Panel onReady={onReady} />;
}

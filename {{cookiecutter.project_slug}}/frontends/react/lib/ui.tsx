// Small pieces the panels share: the panel frame, an <output> that shows a
// result with its tone, and a way to undo event listeners on unmount.

import { useCallback, useState, type ComponentPropsWithoutRef, type ReactNode } from "react";
import { errorText } from "./errors";

/** Every panel gets this; it calls onReady once its listeners and data are in place. */
export interface PanelProps {
  onReady: () => void;
}

/** `main#panels > section.panel#<id>`, with its title and intro. */
export function Panel(props: { id: string; title: string; intro: string; children: ReactNode }) {
  return (
    <section className="panel" id={props.id}>
      <h2>{props.title}</h2>
      <p className="intro">{props.intro}</p>
      {props.children}
    </section>
  );
}

export type Tone = "ok" | "error" | "info";

/** What an <output> shows: a text and its tone (styles.css colours data-tone). */
export interface Shown {
  text: string;
  tone: Tone;
}

/** An <output>; React renders the text as text, so nothing from Python becomes markup. */
export function Output({
  shown,
  ...props
}: { shown: Shown | null } & ComponentPropsWithoutRef<"output">) {
  return (
    <output {...props} data-tone={shown?.tone}>
      {shown?.text}
    </output>
  );
}

/**
 * State for one <output>: `show` a result, or `attempt` an async action and
 * show its error (if any). Both are stable, so effects may depend on them.
 */
export function useOutput() {
  const [shown, setShown] = useState<Shown | null>(null);
  const show = useCallback((text: string, tone: Tone = "ok") => setShown({ text, tone }), []);
  const attempt = useCallback(
    async (action: () => Promise<void>): Promise<void> => {
      try {
        await action();
      } catch (error) {
        show(errorText(error), "error");
      }
    },
    [show],
  );
  return { shown, show, attempt };
}

/**
 * The unlisten functions of one effect. `listen()` resolves later than the
 * effect runs, so the component may already be gone by then (StrictMode
 * unmounts every component once in dev): `add` unlistens at once in that case.
 */
export function subscriptions() {
  const unlisteners: (() => void)[] = [];
  let closed = false;
  return {
    get closed() {
      return closed;
    },
    add(unlisten: () => void): void {
      if (closed) unlisten();
      else unlisteners.push(unlisten);
    },
    /** The effect's cleanup: unlisten everything. */
    close(): void {
      closed = true;
      for (const unlisten of unlisteners.splice(0)) unlisten();
    },
  };
}

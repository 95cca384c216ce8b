// Small pieces the panels share: the panel frame, the seed's block and the
// heading of the form at scale, an <output> that shows a result with its tone,
// and a way to undo event listeners on unmount.

import {
  useCallback,
  useEffect,
  useRef,
  useState,
  type ComponentPropsWithoutRef,
  type ReactNode,
} from "react";
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

/**
 * The seed's form: its snippet behind a button (#seed-<example>-button), its
 * lines in #seed-<example>-output. `buttons` go beside the seed's button;
 * `children` are elements the snippet writes into (the seed's own ids), after
 * the output.
 */
export function Seed(props: {
  example: string;
  output: SeedOutput;
  button: SeedButton;
  buttons?: ReactNode;
  children?: ReactNode;
}) {
  const { example, output, button } = props;
  return (
    <section className="seed">
      <h3>The seed's form</h3>
      <button
        id={`seed-${example}-button`}
        type="button"
        disabled={button.running}
        onClick={button.onClick}
      >
        Run the seed's snippet
      </button>
      {props.buttons}
      <Output id={`seed-${example}-output`} shown={output.shown} data-state={output.state} />
      {props.children}
    </section>
  );
}

/** The heading of the form at scale, and the one line saying why it exists. */
export function AtScale(props: { why: string }) {
  return (
    <>
      <h3>At scale</h3>
      <p className="why">{props.why}</p>
    </>
  );
}

/** What a seed snippet gets: `say` adds a line to the output. */
export type Say = (line: string) => void;
export type Snippet = (say: Say) => Promise<void>;

/** A seed block's output, which one or more buttons' snippets write to. */
export interface SeedOutput {
  shown: Shown | null;
  /** "running", then "done" (tests wait for it); undefined before the first run. */
  state: "running" | "done" | undefined;
  /** Run a snippet into the output. */
  run: (snippet: Snippet) => Promise<void>;
  /** Show a text outside any run. */
  show: (text: string, tone?: Tone) => void;
}

/**
 * The output of a seed block. A snippet reports what happened with
 * `say(line)`; the lines appear as they come (joined with "\n"). When the
 * snippet ends the output gets data-state="done" (an error is shown as the
 * last line). `run` and `show` are stable, so effects may depend on them.
 */
export function useSeedOutput(): SeedOutput {
  const [shown, setShown] = useState<Shown | null>(null);
  const [state, setState] = useState<SeedOutput["state"]>(undefined);
  const show = useCallback((text: string, tone: Tone = "ok") => setShown({ text, tone }), []);
  const run = useCallback(async (snippet: Snippet) => {
    const lines: string[] = [];
    const say: Say = (line) => {
      lines.push(line);
      setShown({ text: lines.join("\n"), tone: "info" });
    };
    setState("running");
    setShown({ text: "", tone: "info" });
    try {
      await snippet(say);
      setShown({ text: lines.join("\n"), tone: "ok" });
    } catch (error) {
      setShown({ text: [...lines, errorText(error)].join("\n"), tone: "error" });
    } finally {
      setState("done");
    }
  }, []);
  return { shown, state, run, show };
}

/** A button that runs a snippet into a seed output; disabled while it runs. */
export interface SeedButton {
  running: boolean;
  onClick: () => void;
}

/** The latest `snippet` is the one run, so it may close over props and state. */
export function useSeedButton(output: SeedOutput, snippet: Snippet): SeedButton {
  const [running, setRunning] = useState(false);
  const latest = useRef(snippet);
  useEffect(() => {
    latest.current = snippet;
  });
  const { run } = output;
  const onClick = useCallback(() => {
    setRunning(true);
    void run((say) => latest.current(say)).finally(() => setRunning(false));
  }, [run]);
  return { running, onClick };
}

/** A seed block with one button: its output and its button, for <Seed>. */
export function useSeed(snippet: Snippet): { output: SeedOutput; button: SeedButton } {
  const output = useSeedOutput();
  const button = useSeedButton(output, snippet);
  return { output, button };
}

/** Resolve when `promise` does, or reject after `ms` with a message naming `what`. */
export function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${what} did not arrive within ${ms / 1000} s`)),
      ms,
    );
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(errorText(error)));
      },
    );
  });
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

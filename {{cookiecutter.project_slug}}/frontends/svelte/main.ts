// Mounts one Svelte component per example (panels.ts lists them) into
// <main id="panels">, then tells the tests that the page is ready.

import { mount, type Component } from "svelte";
import { panels } from "./panels";
import "./styles.css";

/** A panel calls `onready` once it is wired: listeners registered, data loaded. */
type Panel = Component<{ onready: () => void }>;

const target = document.getElementById("panels");
if (!target) throw new Error("#panels is missing from index.html");

// mount() appends each panel's <section> to #panels itself: no wrapper element,
// so the stylesheet's grid lays the panels out. Each panel calls `onready` once
// it is wired (listeners registered, data loaded).
const wired = panels.map(
  (Panel: Panel) => new Promise<void>((onready) => mount(Panel, { target, props: { onready } })),
);
await Promise.all(wired);
// Tests wait for this: every panel is wired.
document.body.dataset.ready = "true";

// The page's entry: React renders the panels into index.html's <main id="panels">.

import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./app";
import "./styles.css";

const root = document.getElementById("panels");
if (!root) throw new Error("#panels is missing from index.html");

// StrictMode (dev only) mounts, unmounts and remounts every component once,
// so a missing cleanup shows up at once.
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

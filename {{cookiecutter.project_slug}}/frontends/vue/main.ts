// Mounts the page: one panel per example (see panels.ts), straight into
// <main id="panels">, which styles.css lays out as a grid of its children.

import { createApp } from "vue";
import "./styles.css";
import App from "./App.vue";

createApp(App).mount("#panels");

{%- set frontend = cookiecutter.frontend -%}
import { defineConfig, type Plugin } from "vite";
{%- if frontend == "react" %}
import react from "@vitejs/plugin-react";
{%- elif frontend == "vue" %}
import vue from "@vitejs/plugin-vue";
{%- elif frontend == "svelte" %}
import { svelte } from "@sveltejs/vite-plugin-svelte";
{%- endif %}

// Vite's dev server injects styles inline and talks to the page over a
// websocket; the CSP in index.html forbids both. Loosen it in dev mode only.
function devContentSecurityPolicy(): Plugin {
  return {
    name: "dev-content-security-policy",
    apply: "serve",
    transformIndexHtml: (html) =>
      html
        .replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")
{%- if frontend == "react" %}
        // plugin-react adds an inline script (Fast Refresh's preamble) in dev mode.
        .replace("script-src 'self'", "script-src 'self' 'unsafe-inline'")
{%- endif %}
        .replace("connect-src 'self'", "connect-src 'self' ws://localhost:1420"),
  };
}

// The page is built into the Python package, so `python -m {{ cookiecutter.package_name }}`
// (and the wheel) serve it without Node. `npm run dev` serves it from Vite instead;
// the app loads it when {{ cookiecutter.package_name | upper }}_DEV_SERVER points here.
export default defineConfig({
  plugins: [{{ {"react": "react(), ", "vue": "vue(), ", "svelte": "svelte(), "}.get(frontend, "") }}devContentSecurityPolicy()],
  build: {
    outDir: "src/{{ cookiecutter.package_name }}/frontend",
    emptyOutDir: true,
    target: "es2022",
{%- if cookiecutter.with_bench %}
    rollupOptions: {
      // web/lib/bench.ts is the page side of `python -m {{ cookiecutter.package_name }}.bench`: a separate
      // entry that the page never loads; the benchmark imports it as ./bench.js.
      input: { index: "index.html", bench: "web/lib/bench.ts" },
      output: {
        entryFileNames: (chunk) => (chunk.name === "bench" ? "bench.js" : "assets/[name]-[hash].js"),
      },
    },
{%- endif %}
  },
  server: {
    port: 1420,
    strictPort: true,
    watch: { ignored: ["**/src/**", "**/.venv/**", "**/tests/**"] },
  },
  clearScreen: false,
});

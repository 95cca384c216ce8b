/// <reference types="vite/client" />
// The page's panels, in order: one per example. Each is the default export of
// the module named after its API (web/commands.{{ cookiecutter.__page_ext }}, ...), beside the Python
// module of the same name in src/{{ cookiecutter.package_name }}/.
{%- set suffix = {"vue": ".vue", "svelte": ".svelte"}.get(cookiecutter.frontend, "") %}

import Commands from "./commands{{ suffix }}";
{%- if cookiecutter.with_channels %}
import Channels from "./channels{{ suffix }}";
{%- endif %}
{%- if cookiecutter.with_events %}
import Events from "./events{{ suffix }}";
import Windows from "./windows{{ suffix }}";
{%- endif %}
{%- if cookiecutter.with_state %}
import State from "./state{{ suffix }}";
{%- endif %}
{%- if cookiecutter.with_js_eval %}
import JsEval from "./js_eval{{ suffix }}";
{%- endif %}
{%- if cookiecutter.with_chat_demo %}
import Chat from "./chat{{ suffix }}";
{%- endif %}
{%- if cookiecutter.with_desktop %}
import Desktop from "./desktop{{ suffix }}";
{%- endif %}
import { getCurrentWebviewWindow } from "@tauri-apps/api/webviewWindow";
import { getVersion } from "./python/commands";

const mainWindowPanels = [
  Commands,
{%- if cookiecutter.with_channels %}
  Channels,
{%- endif %}
{%- if cookiecutter.with_events %}
  Events,
  Windows,
{%- endif %}
{%- if cookiecutter.with_state %}
  State,
{%- endif %}
{%- if cookiecutter.with_js_eval %}
  JsEval,
{%- endif %}
{%- if cookiecutter.with_chat_demo %}
  Chat,
{%- endif %}
{%- if cookiecutter.with_desktop %}
  Desktop,
{%- endif %}
];

/** What a window Python opens at runtime (windows.py) shows. */
const otherWindowPanels: typeof mainWindowPanels = [
{%- if cookiecutter.with_events %}
  Windows,
{%- endif %}
];

const isMainWindow = getCurrentWebviewWindow().label === "main";
export const panels = isMainWindow ? mainWindowPanels : otherWindowPanels;

// `npm run dev` times each restart until the new Python answers a command; a
// page with no panel that calls Python as it mounts would never tell it.
if (import.meta.env.DEV) void getVersion();

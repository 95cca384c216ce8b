// The panels, in order: one per example. Each lives in the module named after
// its API (commands.tsx, ...), beside the Python module of the same name in
// src/{{ cookiecutter.package_name }}/.

import type { ComponentType } from "react";
import Commands from "./commands";
{%- if cookiecutter.with_channels %}
import Channels from "./channels";
{%- endif %}
{%- if cookiecutter.with_events %}
import Events from "./events";
{%- endif %}
{%- if cookiecutter.with_state %}
import State from "./state";
{%- endif %}
{%- if cookiecutter.with_js_eval %}
import JsEval from "./js_eval";
{%- endif %}
{%- if cookiecutter.with_chat_demo %}
import Chat from "./chat";
{%- endif %}
import type { PanelProps } from "./ui";

export interface PanelEntry {
  name: string;
  Panel: ComponentType<PanelProps>;
}

export const panels: PanelEntry[] = [
  { name: "commands", Panel: Commands },
{%- if cookiecutter.with_channels %}
  { name: "channels", Panel: Channels },
{%- endif %}
{%- if cookiecutter.with_events %}
  { name: "events", Panel: Events },
{%- endif %}
{%- if cookiecutter.with_state %}
  { name: "state", Panel: State },
{%- endif %}
{%- if cookiecutter.with_js_eval %}
  { name: "js_eval", Panel: JsEval },
{%- endif %}
{%- if cookiecutter.with_chat_demo %}
  { name: "chat", Panel: Chat },
{%- endif %}
];

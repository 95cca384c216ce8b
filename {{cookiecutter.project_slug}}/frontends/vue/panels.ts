// The page's panels, in order: one per example. Each is the component named
// after its API, beside a Python module of the same name.

import type { Component } from "vue";
import Commands from "./commands.vue";
{%- if cookiecutter.with_channels %}
import Channels from "./channels.vue";
{%- endif %}
{%- if cookiecutter.with_events %}
import Events from "./events.vue";
{%- endif %}
{%- if cookiecutter.with_state %}
import State from "./state.vue";
{%- endif %}
{%- if cookiecutter.with_js_eval %}
import JsEval from "./js_eval.vue";
{%- endif %}
{%- if cookiecutter.with_chat_demo %}
import Chat from "./chat.vue";
{%- endif %}

export const panels: Component[] = [
  Commands,
{%- if cookiecutter.with_channels %}
  Channels,
{%- endif %}
{%- if cookiecutter.with_events %}
  Events,
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
];

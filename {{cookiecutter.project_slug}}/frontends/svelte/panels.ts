// The panels of the page, in order: one component per example, each in the
// file named after its API, beside a Python module of the same name.

import type { Component } from "svelte";
import Commands from "./commands.svelte";
{%- if cookiecutter.with_channels %}
import Channels from "./channels.svelte";
{%- endif %}
{%- if cookiecutter.with_events %}
import Events from "./events.svelte";
{%- endif %}
{%- if cookiecutter.with_state %}
import State from "./state.svelte";
{%- endif %}
{%- if cookiecutter.with_js_eval %}
import JsEval from "./js_eval.svelte";
{%- endif %}
{%- if cookiecutter.with_chat_demo %}
import Chat from "./chat.svelte";
{%- endif %}

/** A panel calls `onready` once it is wired: listeners registered, data loaded. */
export type Panel = Component<{ onready: () => void }>;

export const panels: Panel[] = [
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

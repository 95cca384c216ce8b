// Mounts one panel per example. Each panel lives in the module named after
// its API, beside a Python module of the same name.

import "./styles.css";
import { mountCommands } from "./commands";
{%- if cookiecutter.with_channels %}
import { mountChannels } from "./channels";
{%- endif %}
{%- if cookiecutter.with_events %}
import { mountEvents } from "./events";
{%- endif %}
{%- if cookiecutter.with_state %}
import { mountState } from "./state";
{%- endif %}
{%- if cookiecutter.with_js_eval %}
import { mountJsEval } from "./js_eval";
{%- endif %}
{%- if cookiecutter.with_chat_demo %}
import { mountChat } from "./chat";
{%- endif %}

async function main(): Promise<void> {
  mountCommands();
{%- if cookiecutter.with_channels %}
  mountChannels();
{%- endif %}
{%- if cookiecutter.with_events %}
  await mountEvents();
{%- endif %}
{%- if cookiecutter.with_state %}
  mountState();
{%- endif %}
{%- if cookiecutter.with_js_eval %}
  mountJsEval();
{%- endif %}
{%- if cookiecutter.with_chat_demo %}
  await mountChat();
{%- endif %}
  // Tests wait for this: every panel is wired.
  document.body.dataset.ready = "true";
}

void main();

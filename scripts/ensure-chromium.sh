#!/usr/bin/env bash
# Makes sure a Chromium for the console's browser tests is installed and prints its path on stdout.
# The tests drive the machine's Chromium through Playwright (no browser download); on Debian/Ubuntu it comes from apt.
# Environment: OMNIAKEY_TEST_CHROMIUM, a path to use instead of looking for one.
set -euo pipefail
log() { printf 'ensure-chromium: %s\n' "$*" >&2; }

find_chromium() {
    local candidate
    for candidate in "${OMNIAKEY_TEST_CHROMIUM:-}" /usr/bin/chromium /usr/bin/chromium-browser /usr/bin/google-chrome /usr/bin/google-chrome-stable; do
        if [[ -n "$candidate" && -x "$candidate" ]]; then
            printf '%s\n' "$candidate"
            return 0
        fi
    done
    return 1
}

# A CJK font, so the Chinese pages' screenshots show characters rather than empty boxes (best effort: the tests check
# the text itself, not the pixels).
ensure_cjk_font() {
    if command -v fc-list >/dev/null 2>&1 && fc-list :lang=zh 2>/dev/null | grep -q .; then
        return 0
    fi
    if [[ $(id -u) -eq 0 ]]; then
        DEBIAN_FRONTEND=noninteractive apt-get install -y fonts-wqy-zenhei >&2 || log "no CJK font installed (screenshots only)"
    fi
}

if find_chromium; then
    ensure_cjk_font
    exit 0
fi

log "no Chromium found; installing it with apt"
if [[ $(id -u) -eq 0 ]]; then
    SUDO=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    SUDO=(sudo -n)
else
    log "error: Chromium is missing and this user cannot install packages; install it (apt-get install -y chromium) or set OMNIAKEY_TEST_CHROMIUM"
    exit 1
fi
export DEBIAN_FRONTEND=noninteractive
"${SUDO[@]}" apt-get install -y chromium >&2 || { "${SUDO[@]}" apt-get update >&2 && "${SUDO[@]}" apt-get install -y chromium >&2; }
ensure_cjk_font
find_chromium || { log "error: apt installed no chromium executable"; exit 1; }

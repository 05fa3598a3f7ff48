#!/usr/bin/env bash
# The action's first step: install rolepack-check where the action was checked out
# ($GITHUB_ACTION_PATH) from the npm registry, as `npm ci` does on any machine; Bun comes with it
# (a devDependency). A runner that already has it installed (a cache, a re-run) skips the install.
set -euo pipefail
cd "$GITHUB_ACTION_PATH"
if [ -x node_modules/.bin/bun ] && [ -d node_modules/jsonc-parser ]; then
  echo "rolepack-check: already installed in $GITHUB_ACTION_PATH"
  exit 0
fi
npm ci --no-audit --no-fund

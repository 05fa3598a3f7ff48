#!/usr/bin/env bash
# The action's check step: rolepack-check in the workspace, annotations on the pull request
# (--format github), and with the `sarif` input a SARIF file for upload-sarif — written even when
# the check fails (exit 1) or cannot run (exit 2). In a pull request the base is the target branch
# (GITHUB_BASE_REF, as --base-branch) unless the `base` input names a commit; a missing baseline then fails the job
# instead of passing as a first publish. The step's exit code is the check's.
set -uo pipefail
checker=("$GITHUB_ACTION_PATH/node_modules/.bin/bun" "$GITHUB_ACTION_PATH/check.ts")
args=()
if [ -n "${INPUT_BASE:-}" ]; then
  args+=(--base "$INPUT_BASE")
elif [ -n "${GITHUB_BASE_REF:-}" ]; then
  # The target branch with merge-base semantics: a merge commit's merge-base is the target's tip,
  # and a head checkout behind the target is not blamed for what the target gained since.
  args+=(--base-branch "$GITHUB_BASE_REF")
fi
if [ -n "${GITHUB_BASE_REF:-}" ]; then
  args+=(--require-baseline)
fi
case "${INPUT_HISTORY:-false}" in
  true) args+=(--history) ;;
  false | "") ;;
  *) echo "::error::rolepack-check: the history input is \"$INPUT_HISTORY\"; write true or false"; exit 2 ;;
esac
packs=()
while IFS= read -r pack; do
  pack="${pack#"${pack%%[![:space:]]*}"}" # leading blanks of an indented YAML block
  pack="${pack%"${pack##*[![:space:]]}"}" # trailing blanks
  if [ -n "$pack" ]; then packs+=("$pack"); fi
done <<< "${INPUT_PACKS:-}"

cd "${GITHUB_WORKSPACE:-.}"
"${checker[@]}" check "${args[@]}" --format github -- "${packs[@]}"
status=$?
if [ -n "${INPUT_SARIF:-}" ]; then
  "${checker[@]}" check "${args[@]}" --format sarif -o "$INPUT_SARIF" -- "${packs[@]}" 2> /dev/null
fi
if [ -n "${GITHUB_OUTPUT:-}" ]; then
  echo "exit-code=$status" >> "$GITHUB_OUTPUT"
fi
exit "$status"

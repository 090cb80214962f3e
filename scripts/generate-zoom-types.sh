#!/usr/bin/env bash
# Generates libs/zoom-client/src/generated/ from the Zoom contract (scripts/generate-zoom-types.ts).
#   scripts/generate-zoom-types.sh           rewrites the generated files
#   scripts/generate-zoom-types.sh --check   regenerates into a temporary directory; exits 1 if they differ
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

target=libs/zoom-client/src/generated
build=node_modules/.cache/generate-zoom-types

# Node has no TypeScript loader before v22; compile the script (and the catalogue it reads) on the spot.
# Type errors are `npm run typecheck`'s job, so emit without checking.
rm -rf "$build"
npx tsc scripts/generate-zoom-types.ts --outDir "$build" --rootDir . --noCheck --skipLibCheck \
  --module nodenext --moduleResolution nodenext --target es2023 --esModuleInterop --types node
# Under node_modules, Node would not see the repository's "type": "module".
echo '{ "type": "module" }' >"$build/package.json"

case "${1:-}" in
  --check)
    out=$(mktemp -d)
    trap 'rm -rf "$out"' EXIT
    node "$build/scripts/generate-zoom-types.js" "$out"
    if ! diff -ru "$target" "$out"; then
      echo "ERROR: $target is out of date with libs/zoom-contract/spec; run npm run generate:zoom-types" >&2
      exit 1
    fi
    echo "$target matches the contract"
    ;;
  "")
    node "$build/scripts/generate-zoom-types.js" "$target"
    echo "wrote $target"
    ;;
  *)
    echo "usage: $0 [--check]" >&2
    exit 2
    ;;
esac

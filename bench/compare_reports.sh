#!/usr/bin/env bash
# Behaviour guard for refactors: the JSON reports of the bundled examples (and of the seed call,
# when ../shared is beside the checkout) must be byte-identical to those saved in a reference folder.
#   bench/compare_reports.sh save DIR     # before the change
#   bench/compare_reports.sh check DIR    # after: prints any difference, exit 1 if one differs
set -euo pipefail
cd "$(dirname "$0")/.."
mode=$1; dir=$2; mkdir -p "$dir"
auditor=${AUDITOR:-.venv/bin/auditor}
files=()
for f in examples/*.txt; do
  case "$f" in *.participants.txt|*.release.txt) ;; *) files+=("$f") ;; esac  # reference companions, not calls
done
[ -d ../shared/seed ] && files+=(../shared/seed/*.txt)
status=0
for f in "${files[@]}"; do
  out="$dir/$(basename "$f" .txt).json"
  if [ "$mode" = save ]; then
    "$auditor" audit "$f" --format json -o "$out" || true
  else
    "$auditor" audit "$f" --format json -o "$dir/.now.json" || true
    if ! cmp -s "$out" "$dir/.now.json"; then
      echo "DIFFERS: $f"; diff <(python3 -m json.tool "$out") <(python3 -m json.tool "$dir/.now.json") | head -40; status=1
    fi
  fi
done
rm -f "$dir/.now.json"
[ "$mode" = check ] && [ $status = 0 ] && echo "all reports identical"
exit $status

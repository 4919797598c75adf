#!/usr/bin/env bash
# Main-content extraction on real German pages: runs the shared scorer
# (../shared/eval, trafilatura's hand-made segments) over umzug extract and
# fails when F1 falls below the level reached (pinned here; raise it when
# extraction gets better, never lower it to make a change pass).
set -euo pipefail
cd "$(dirname "$0")/.."
EVAL=${UMZUG_EVAL_DIR:-../shared/eval}
if [ ! -f "$EVAL/score.py" ]; then
	echo "== eval: $EVAL/score.py not found, skipped"; exit 0
fi
# pinned F1: all, TYPO3 subset, press subset
MIN_ALL=0.936
MIN_TYPO3=0.921
MIN_PRESS=0.935
bin=$(mktemp -d)/umzug
go build -o "$bin" ./cmd/umzug
fail=0
for subset in all typo3 press; do
	out=$(python3 "$EVAL/score.py" --subset "$subset" --jobs 2 -- "$bin" extract {} | tail -1)
	echo "== eval $out"
	f1=$(sed -n 's/.*F1 \([0-9.]*\).*/\1/p' <<<"$out")
	failed=$(sed -n 's/.*failed \([0-9]*\)).*/\1/p' <<<"$out")
	case $subset in all) min=$MIN_ALL ;; typo3) min=$MIN_TYPO3 ;; press) min=$MIN_PRESS ;; esac
	if [ "$failed" != "0" ]; then echo "eval: $failed pages failed to extract"; fail=1; fi
	if python3 -c "import sys; sys.exit(0 if float('$f1') >= float('$min') else 1)"; then :; else
		echo "eval: $subset F1 $f1 below the pinned $min"; fail=1
	fi
done
exit $fail

#!/usr/bin/env bash
# Runs qinflux-bench and the peer scripts (../shared/bench) one after the other in one session, and
# prints our figures next to the peers' with the ratios the issue asks for.
#
# usage: compare-peers.sh QINFLUX_BENCH OUT_DIR [serialize|write|all]
#   QINFLUX_BENCH  the qinflux-bench binary (e.g. build-bench/tests/benchmarks/qinflux-bench)
#   OUT_DIR        where the TSV figures and the stderr notes go (created)
# env: PEER_DIR (default: ../shared/bench next to the repository), SER_N (200000), WRITE_N (500000),
#      REPEATS (3), QUIET_WAIT (seconds to wait for an idle machine before each run, default 120),
#      CANDIDATE (a second qinflux-bench, e.g. built with a proposed core change: run after the peers
#      in the same session and compared the same way).
#
# The machine is shared: before each run the script waits until the other processes use less than
# 10% of the CPUs over 2 s (or QUIET_WAIT passes), and it logs the load it saw.
set -euo pipefail

[ $# -ge 2 ] || { sed -n '2,15p' "$0"; exit 2; }
BENCH=$(realpath "$1")
OUT=$2
WHAT=${3:-all}
HERE=$(cd "$(dirname "$0")" && pwd)
PEER_DIR=${PEER_DIR:-$(realpath "$HERE/../../../shared/bench")}
SER_N=${SER_N:-200000}
WRITE_N=${WRITE_N:-500000}
REPEATS=${REPEATS:-3}
QUIET_WAIT=${QUIET_WAIT:-120}
mkdir -p "$OUT"
PY=(env PYENV_VERSION=system python3)

# Busy fraction of all CPUs over 2 s, from /proc/stat.
busy() {
  local a b
  a=($(head -1 /proc/stat)); sleep 2; b=($(head -1 /proc/stat))
  local total=0 idle
  for i in 1 2 3 4 5 6 7 8; do total=$(( total + b[i] - a[i] )); done
  idle=$(( b[4] - a[4] + b[5] - a[5] ))
  echo $(( total > 0 ? 100 * (total - idle) / total : 0 ))
}

wait_quiet() {
  local start=$SECONDS b
  while :; do
    b=$(busy)
    if [ "$b" -lt 10 ] || [ $(( SECONDS - start )) -ge "$QUIET_WAIT" ]; then
      echo "# $(date +%T) before $1: CPUs ${b}% busy, loadavg $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT/notes.txt" >&2
      return
    fi
  done
}

run() { # name command...
  local name=$1; shift
  wait_quiet "$name"
  "$@" >"$OUT/$name.tsv" 2>"$OUT/$name.err" || { echo "$name failed; see $OUT/$name.err" >&2; cat "$OUT/$name.err" >&2; exit 1; }
  cat "$OUT/$name.err" >>"$OUT/notes.txt"
}

if [ "$WHAT" = serialize ] || [ "$WHAT" = all ]; then
  CSV="$OUT/trades-$SER_N.csv"
  [ -f "$CSV" ] || "${PY[@]}" "$PEER_DIR/gen_data.py" --shape trade -n "$SER_N" --format csv --out "$CSV"
  run qinflux-serialize "$BENCH" serialize -n "$SER_N" --repeats "$REPEATS" --csv "$CSV"
  run peer-serialize "${PY[@]}" "$PEER_DIR/peer_serialize.py" -n "$SER_N" --repeats "$REPEATS"
  [ -z "${CANDIDATE:-}" ] || run candidate-serialize "$CANDIDATE" serialize -n "$SER_N" --repeats "$REPEATS" --csv "$CSV"
fi
if [ "$WHAT" = write ] || [ "$WHAT" = all ]; then
  CSV="$OUT/trades-$WRITE_N.csv"
  [ -f "$CSV" ] || "${PY[@]}" "$PEER_DIR/gen_data.py" --shape trade -n "$WRITE_N" --format csv --out "$CSV"
  run qinflux-write "$BENCH" write -n "$WRITE_N" --repeats "$REPEATS" --csv "$CSV"
  run peer-write "${PY[@]}" "$PEER_DIR/peer_write.py" -n "$WRITE_N" --repeats "$REPEATS"
  [ -z "${CANDIDATE:-}" ] || run candidate-write "$CANDIDATE" write -n "$WRITE_N" --repeats "$REPEATS" --csv "$CSV"
fi

# ratios: awk reads the peers' figures, then ours (or the candidate's) under the same names
ratios() { # label ours-file-prefix
  local files=("$OUT"/peer-*.tsv)
  ls "$OUT/$2"-*.tsv >/dev/null 2>&1 || return 0
  echo "== $1"
  awk -F'\t' '
    $1 == "ser_reference_lp_bytes" { ref[FILENAME ~ /peer-/ ? "peer" : "ours"] = $2 }
    { v[$1] = $2 }
    function ratio(ours, peer, target,   r) {
      if (!(ours in v) || !(peer in v)) return
      r = v[ours] / v[peer]
      printf "%-28s %12s  %-30s %12s  %7.2fx  (target >= %sx: %s)\n", ours, v[ours], peer, v[peer], r, target,
             (r >= target ? "met" : "MISSED")
    }
    END {
      ratio("ser_qinflux_schema_pps", "ser_aioinflux_namedtuple_pps", 25)
      ratio("ser_qinflux_frame_pps", "ser_aioinflux_dataframe_pps", 25)
      ratio("ser_qinflux_point_pps", "ser_aioinflux_dict_pps", 10)
      ratio("write_qinflux_pps", "write_curl_lp_b10000_par2_pps", 0.9)
      ratio("write_qinflux_pps", "write_aioinflux_nt_b5000_pps", 2.5)
      if ("ours" in ref && "peer" in ref)
        printf "reference bytes: computed by qinflux-bench from the CSV %s, printed by peer_serialize.py %s (%s)\n",
               ref["ours"], ref["peer"], (ref["ours"] == ref["peer"] ? "same data" : "DIFFERENT DATA")
    }' "${files[@]}" "$OUT/$2"-*.tsv
}
{ ratios "qinflux-bench ($BENCH)" qinflux; ratios "candidate (${CANDIDATE:-})" candidate; } | tee "$OUT/ratios.txt"

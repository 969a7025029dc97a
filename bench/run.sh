#!/usr/bin/env bash
# Benchmarks faf bulk-download against aria2c + unzip on a local copy of a vault-like corpus.
#
#   bash bench/run.sh          throughput: faf vs aria2c+unzip, concurrency 4 and 8, 3 runs each
#   bash bench/run.sh scale    20,000-map catalogue: API requests, RSS at 200 vs 20,000, --resume
#
# Environment: BENCH_SCALE (corpus size factor, default 1 = 1 GB), BENCH_RUNS (default 3),
# BENCH_CONCURRENCY (default "4 8"), BENCH_SCALE_MAPS (default 20000). faf runs through the ./faf
# launcher, i.e. `java $FAF_JAVA_OPTS -jar target/faf.jar`; FAF_JAVA_OPTS="" measures plain java -jar.
# Everything generated goes to bench/work/ (git-ignored); servers listen on 127.0.0.1 only and
# are stopped on exit.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
work="$here/work"
mode="${1:-full}"
scale="${BENCH_SCALE:-1}"
runs="${BENCH_RUNS:-3}"
concurrencies="${BENCH_CONCURRENCY:-4 8}"
scale_maps="${BENCH_SCALE_MAPS:-20000}"
jar="$root/target/faf.jar"
mkdir -p "$work"

log() { printf '[bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

ensure_tools() {
  local missing=()
  command -v nginx >/dev/null || [[ -x /usr/sbin/nginx ]] || missing+=(nginx)
  command -v aria2c >/dev/null || missing+=(aria2)
  command -v unzip >/dev/null || missing+=(unzip)
  [[ -x /usr/bin/time ]] || missing+=(time)
  command -v python3 >/dev/null || missing+=(python3)
  ((${#missing[@]} == 0)) && return
  log "installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  local pkgs=("${missing[@]/nginx/nginx-light}")
  if ! apt-get install -y -qq "${pkgs[@]}" >/dev/null; then
    apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
}

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

wait_for_port() {
  for _ in $(seq 100); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; then return 0; fi
    sleep 0.1
  done
  log "nothing listens on 127.0.0.1:$1"
  return 1
}

pids=()
cleanup() {
  local pid
  for pid in "${pids[@]}"; do
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
}
trap cleanup EXIT

# Serves $1 (the corpus) with nginx and its catalogue.json with catalogue.py.
start_servers() {
  local corpus="$1"
  nginx_port="$(free_port)"
  api_port="$(free_port)"
  mkdir -p "$work/nginx"
  : >"$work/nginx/access.log"
  : >"$work/api-requests.log"
  cat >"$work/nginx/nginx.conf" <<EOF
worker_processes 2;
daemon off;
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log warn;
events { worker_connections 1024; }
http {
  default_type application/zip;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 100000;
  access_log $work/nginx/access.log;
  client_body_temp_path $work/nginx/body;
  proxy_temp_path $work/nginx/proxy;
  fastcgi_temp_path $work/nginx/fastcgi;
  uwsgi_temp_path $work/nginx/uwsgi;
  scgi_temp_path $work/nginx/scgi;
  server {
    listen 127.0.0.1:$nginx_port;
    root $corpus;
    # the scale corpus: 20,000 names served by 10 small archives, by the id's last digit
    location /scale/ {
      rewrite "^/scale/scale_map_\\d*(\\d)\\.v0001\\.zip\$" /small/small_\$1.zip break;
    }
  }
}
EOF
  local nginx_bin
  nginx_bin="$(command -v nginx || echo /usr/sbin/nginx)"
  "$nginx_bin" -c "$work/nginx/nginx.conf" -e "$work/nginx/error.log" &
  pids+=($!)
  python3 "$here/catalogue.py" "$corpus/catalogue.json" "$api_port" \
    "http://127.0.0.1:$nginx_port" "$work/api-requests.log" &
  pids+=($!)
  wait_for_port "$nginx_port"
  wait_for_port "$api_port"
  log "nginx on 127.0.0.1:$nginx_port, catalogue API on 127.0.0.1:$api_port"
}

drop_caches() {
  sync
  if echo 3 2>/dev/null >/proc/sys/vm/drop_caches; then echo yes; else echo no; fi
}

now() { date +%s.%N; }

# Runs "$@" under /usr/bin/time -v; sets wall (seconds), rss (KB) and code (exit status).
measure() {
  local timing="$work/time.txt" start end
  start="$(now)"
  set +e
  /usr/bin/time -v -o "$timing" "$@"
  code=$?
  set -e
  end="$(now)"
  wall="$(python3 -c "print(f'{$end - $start:.3f}')")"
  rss="$(awk -F': ' '/Maximum resident set size/ {print $2}' "$timing")"
}

header() {
  local file="$1" title="$2" drop="$3" jvm_opts="the ./faf launcher defaults"
  [[ -v FAF_JAVA_OPTS ]] && jvm_opts="FAF_JAVA_OPTS=\"$FAF_JAVA_OPTS\""
  {
    echo "### $title"
    echo
    echo "$(date -u '+%Y-%m-%d %H:%M UTC'), nproc $(nproc), $(free -g | awk '/Mem:/ {print $2}') GB RAM," \
      "$(java -version 2>&1 | head -1), $(aria2c --version | head -1), page cache dropped before" \
      "each run: $drop; faf JVM options: $jvm_opts."
  } >"$file"
}

run_full() {
  local corpus="$work/corpus-full-$scale"
  log "generating the corpus (scale $scale) in $corpus"
  python3 "$here/gen_corpus.py" full "$corpus" "$scale"
  start_servers "$corpus"
  local count
  count="$(python3 -c "import json,sys; print(len(json.load(open(sys.argv[1]))))" "$corpus/catalogue.json")"
  python3 -c "
import json, sys
for m in json.load(open(sys.argv[1])):
    print(f'http://127.0.0.1:$nginx_port/' + m['file'])" "$corpus/catalogue.json" >"$work/urls.txt"
  local raw="$work/raw-full.tsv" drop="" r c tool out
  : >"$raw"
  for r in $(seq "$runs"); do
    for c in $concurrencies; do
      # alternate which tool goes first, so neither always meets a warmer or colder machine
      local order="faf peer"
      ((r % 2 == 0)) && order="peer faf"
      for tool in $order; do
        out="$work/runs/$tool-c$c-r$r"
        rm -rf "$out"
        mkdir -p "$out"
        drop="$(drop_caches)"
        if [[ "$tool" == faf ]]; then
          measure "$root/faf" bulk-download --api-url "http://127.0.0.1:$api_port" \
            --token bench --delay-ms 0 --concurrency "$c" --output-dir "$out" --quiet \
            >"$work/last-run.log"
        else
          measure bash -c '
            aria2c -j "$1" -x 1 -i "$2" -d "$3/.downloads" --auto-file-renaming=false \
              --allow-overwrite=true --console-log-level=warn --summary-interval=0 --quiet=true \
              || exit 1
            for zip in "$3"/.downloads/*.zip; do
              unzip -q "$zip" -d "$3" || exit 1
              rm "$zip"
            done
            rmdir "$3/.downloads"' peer "$c" "$work/urls.txt" "$out"
        fi
        local got
        got="$(find "$out" -mindepth 1 -maxdepth 1 -type d ! -name '.*' | wc -l)"
        if ((code != 0 || got != count)); then
          log "$tool c=$c run $r: exit $code, $got of $count maps; see $out"
          exit 1
        fi
        log "$tool c=$c run $r: ${wall}s, ${rss} KB"
        printf '%s\t%s\t%s\t%s\t%s\n' "$tool" "$c" "$r" "$wall" "$rss" >>"$raw"
        rm -rf "$out"
      done
    done
  done
  header "$work/header-full.md" "Throughput: faf vs aria2c + unzip" "$drop"
  python3 "$here/report.py" full "$raw" "$corpus/catalogue.json" "$work/header-full.md" \
    | tee "$work/results.md"
}

run_scale() {
  local corpus="$work/corpus-scale-$scale_maps" c="${BENCH_SCALE_CONCURRENCY:-8}"
  log "generating the $scale_maps-map catalogue in $corpus"
  python3 "$here/gen_corpus.py" scale "$corpus" "$scale_maps"
  start_servers "$corpus"
  local raw="$work/raw-scale.tsv" drop
  : >"$raw"
  # $1 step name, $2 maps expected, $3 output dir, rest: faf options
  step() {
    local name="$1" maps="$2" out="$3" api_before nginx_before
    shift 3
    api_before="$(wc -l <"$work/api-requests.log")"
    nginx_before="$(wc -l <"$work/nginx/access.log")"
    drop="$(drop_caches)"
    measure "$root/faf" bulk-download --api-url "http://127.0.0.1:$api_port" \
      --token bench --delay-ms 0 --concurrency "$c" --output-dir "$out" --json "$@" \
      >"$work/last-run.log"
    # time spent loading and writing checkpoint.json, failures.json and maps.json (--json summary)
    local bookkeeping
    # (nan when the run printed no summary, e.g. a fatal exit: the exit column then tells why)
    bookkeeping="$(python3 -c '
import json, sys
try:
    print(json.loads(open(sys.argv[1]).read().strip().splitlines()[-1])["bookkeeping_seconds"])
except (ValueError, KeyError, IndexError):
    print("nan")' "$work/last-run.log")"
    sleep 0.2 # nginx writes its access log after the response
    local api=$(($(wc -l <"$work/api-requests.log") - api_before))
    local downloads=$(($(wc -l <"$work/nginx/access.log") - nginx_before))
    log "$name: ${wall}s, ${rss} KB, $api API requests, $downloads downloads, bookkeeping ${bookkeeping}s, exit $code"
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$maps" "$wall" "$rss" "$api" "$downloads" \
      "$bookkeeping" "$code" >>"$raw"
  }
  rm -rf "$work/runs/scale-200" "$work/runs/scale-all"
  step "bulk-download --limit 200" 200 "$work/runs/scale-200" --limit 200
  step "bulk-download (all)" "$scale_maps" "$work/runs/scale-all"
  local got
  got="$(find "$work/runs/scale-all" -mindepth 1 -maxdepth 1 -type d ! -name '.*' | wc -l)"
  log "$got of $scale_maps map folders present"
  step "bulk-download --resume" "$scale_maps" "$work/runs/scale-all" --resume
  header "$work/header-scale.md" "Scale: $scale_maps-map catalogue, concurrency $c" "$drop"
  python3 "$here/report.py" scale "$raw" "$work/header-scale.md" | tee "$work/results-scale.md"
  rm -rf "$work/runs/scale-200" "$work/runs/scale-all"
}

ensure_tools
if [[ ! -f "$jar" ]] || [[ -n "$(find "$root/src/main" "$root/pom.xml" -newer "$jar" -print -quit)" ]]; then
  log "building $jar"
  (cd "$root" && mvn -B -q -DskipTests -Dspotless.check.skip=true package)
fi
case "$mode" in
  full) run_full ;;
  scale) run_scale ;;
  *)
    echo "usage: bash bench/run.sh [full|scale]" >&2
    exit 2
    ;;
esac

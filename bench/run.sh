#!/usr/bin/env bash
# Benchmarks faf bulk-download against its peers (bench/peers.sh) on local vault-like corpora.
#
#   bash bench/run.sh          throughput, data on disk: faf and every peer, each corpus, 3 runs
#   bash bench/run.sh scale    20,000-map catalogue: API requests, RSS at 200 vs 20,000, --resume
#   bash bench/run.sh nmt      where resident memory is at 200 and 20,000 maps (native_memory.py)
#   bash bench/run.sh fsyncs   fsync, syncfs and rename calls per map, by target (strace, fsyncs.py)
#
# Environment: BENCH_CORPORA (default "real random"), BENCH_SCALE (corpus size factor, default 1:
# 1 GB unzipped for real, 1 GB of archives for random), BENCH_RUNS (default 3), BENCH_CONCURRENCY
# (default 8), BENCH_TOOLS (default: faf and every peer), BENCH_SCALE_MAPS (default 20000).
# faf runs through the ./faf launcher, i.e. `java $FAF_JAVA_OPTS -jar target/faf.jar`;
# FAF_JAVA_OPTS="" measures plain java -jar.
# Everything generated goes to bench/work/ (git-ignored); servers listen on 127.0.0.1 only and
# are stopped by PID when a corpus is done and on exit.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
work="$here/work"
mode="${1:-full}"
scale="${BENCH_SCALE:-1}"
runs="${BENCH_RUNS:-3}"
concurrencies="${BENCH_CONCURRENCY:-8}"
corpora="${BENCH_CORPORA:-real random}"
tools="${BENCH_TOOLS:-faf curl-bsdtar curl-unzip aria2c-parunzip aria2c-unzip curl-only}"
scale_maps="${BENCH_SCALE_MAPS:-20000}"
jar="$root/target/faf.jar"
mkdir -p "$work"

log() { printf '[bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

ensure_tools() {
  local missing=()
  command -v nginx >/dev/null || [[ -x /usr/sbin/nginx ]] || missing+=(nginx)
  command -v aria2c >/dev/null || missing+=(aria2)
  command -v unzip >/dev/null || missing+=(unzip)
  command -v bsdtar >/dev/null || missing+=(libarchive-tools)
  command -v curl >/dev/null || missing+=(curl)
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
stop_servers() {
  local pid
  for pid in "${pids[@]}"; do
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  pids=()
}
trap stop_servers EXIT

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

# Sectors written so far to the disk that holds bench/work (whole device: other jobs count too).
sectors_written() {
  local dev
  dev="$(stat -c '%Hd %Ld' "$work")"
  awk -v maj="${dev% *}" -v min="${dev#* }" '$1 == maj && $2 == min {print $10}' /proc/diskstats
}

# Runs "$@" under /usr/bin/time -v; sets wall (seconds), rss (KB), cpu (seconds), disk_mb and code.
measure() {
  local timing="$work/time.txt" start end
  local sectors_before
  sectors_before="$(sectors_written)"
  start="$(now)"
  set +e
  /usr/bin/time -v -o "$timing" "$@"
  code=$?
  set -e
  end="$(now)"
  wall="$(python3 -c "print(f'{$end - $start:.3f}')")"
  rss="$(awk -F': ' '/Maximum resident set size/ {print $2}' "$timing")"
  # user + system CPU seconds of the tool and every child it waited for (not nginx's)
  cpu="$(awk -F': ' '/(User|System) time \(seconds\)/ {s += $2} END {printf "%.2f", s}' "$timing")"
  # MB the disk took during the run (with the final sync, all the run wrote, and whatever else ran)
  disk_mb="$((($(sectors_written) - sectors_before) * 512 / 1000000))"
}

header() {
  local file="$1" title="$2" drop="$3" jvm_opts="the ./faf launcher defaults"
  [[ -v FAF_JAVA_OPTS ]] && jvm_opts="FAF_JAVA_OPTS=\"$FAF_JAVA_OPTS\""
  {
    echo "### $title"
    echo
    echo "$(date -u '+%Y-%m-%d %H:%M UTC'), nproc $(nproc), $(free -g | awk '/Mem:/ {print $2}') GB RAM," \
      "$(java -version 2>&1 | head -1), $(aria2c --version | head -1), $(curl --version | head -1 | cut -d' ' -f1-2)," \
      "$(bsdtar --version | cut -d' ' -f1-2), $(unzip -v | head -1 | cut -d' ' -f1-2), page cache dropped before" \
      "each run: $drop; faf JVM options: $jvm_opts."
  } >"$file"
}

# Runs faf with a final sync: the same "data on disk" as the peers (faf fsyncs on its own).
faf_synced() {
  # shellcheck disable=SC2016 # the inner bash expands $1..$5
  measure bash -c '"$1" bulk-download --api-url "$2" --token bench --delay-ms 0 \
    --concurrency "$3" --output-dir "$4" --quiet >"$5" && sync' \
    faf "$root/faf" "http://127.0.0.1:$api_port" "$1" "$2" "$work/last-run.log"
}

run_corpus() {
  local kind="$1" corpus="$work/corpus-$1-$scale" raw="$2"
  log "generating the $kind corpus (scale $scale) in $corpus"
  python3 "$here/gen_corpus.py" "$kind" "$corpus" "$scale"
  start_servers "$corpus"
  python3 -c "
import json, sys
for m in json.load(open(sys.argv[1])):
    print(f'http://127.0.0.1:$nginx_port/' + m['file'])" "$corpus/catalogue.json" >"$work/urls.txt"
  local r c tool out order problem
  for r in $(seq "$runs"); do
    for c in $concurrencies; do
      # rotate the order each run, so that no tool always meets a warmer or colder machine
      read -ra order <<<"$tools"
      order=("${order[@]:$(((r - 1) % ${#order[@]}))}" "${order[@]:0:$(((r - 1) % ${#order[@]}))}")
      for tool in "${order[@]}"; do
        out="$work/runs/$kind-$tool-c$c-r$r"
        rm -rf "$out"
        mkdir -p "$out"
        drop="$(drop_caches)"
        if [[ "$tool" == faf ]]; then
          faf_synced "$c" "$out"
        else
          measure bash "$here/peers.sh" "$tool" "$c" "$work/urls.txt" "$out"
        fi
        problem="$(python3 "$here/check_output.py" "$out" "$corpus/catalogue.json" "$tool")"
        if ((code != 0)) || [[ -n "$problem" ]]; then
          log "$kind $tool c=$c run $r: exit $code. $problem See $out"
          exit 1
        fi
        log "$kind $tool c=$c run $r: ${wall}s, ${rss} KB, ${cpu} CPU s, ${disk_mb} MB to disk"
        printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$kind" "$tool" "$c" "$r" "$wall" "$rss" \
          "$cpu" "$disk_mb" >>"$raw"
        rm -rf "$out"
      done
    done
  done
  stop_servers
}

run_full() {
  local raw="$work/raw-full.tsv" kind catalogues=()
  drop=""
  : >"$raw"
  for kind in $corpora; do
    run_corpus "$kind" "$raw"
    catalogues+=("$kind=$work/corpus-$kind-$scale/catalogue.json")
  done
  header "$work/header-full.md" "Throughput, data on disk: faf vs its peers" "$drop"
  python3 "$here/report.py" full "$raw" "$work/header-full.md" "${catalogues[@]}" \
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

# Where faf's resident memory is at 200 maps and at BENCH_SCALE_MAPS (native_memory.py).
run_nmt() {
  local corpus="$work/corpus-scale-$scale_maps" c="${BENCH_SCALE_CONCURRENCY:-8}" maps out pid
  # the launcher's JVM options (or FAF_JAVA_OPTS when set), with tracking added
  local opts
  opts="${FAF_JAVA_OPTS-$(sed -n 's/^default_java_opts="\(.*\)"$/\1/p' "$root/faf")}"
  python3 "$here/gen_corpus.py" scale "$corpus" "$scale_maps"
  start_servers "$corpus"
  for maps in 200 "$scale_maps"; do
    out="$work/runs/nmt-$maps"
    rm -rf "$out"
    drop_caches >/dev/null
    FAF_JAVA_OPTS="$opts -XX:NativeMemoryTracking=detail" "$root/faf" bulk-download \
      --api-url "http://127.0.0.1:$api_port" --token bench --delay-ms 0 --concurrency "$c" \
      --output-dir "$out" --json --limit "$maps" >"$work/nmt-$maps.log" 2>"$work/nmt-$maps.err" &
    pid=$!
    pids+=("$pid")
    # on the long run, take a heap histogram, glibc's arena statistics and a trim, part of the way
    local probe=()
    ((maps > 200)) && probe=("${BENCH_NMT_TRIM_AFTER:-25}")
    python3 "$here/native_memory.py" "$pid" "$work/nmt-$maps" "${probe[@]}" | tee "$work/nmt-$maps.txt"
    local rc=0
    wait "$pid" || rc=$?
    log "$maps maps: exit $rc, $(find "$out" -mindepth 1 -maxdepth 1 -type d | wc -l) folders;" \
      "malloc_stats (if taken) in $work/nmt-$maps.err"
    rm -rf "$out"
  done
}

# fsync, fdatasync, syncfs and rename calls faf makes per map, on each corpus (strace -f: the
# syncfs is made by the `sync -f` child process faf starts once per batch, which -f follows).
run_fsyncs() {
  local kind corpus out
  for kind in $corpora; do
    corpus="$work/corpus-$kind-$scale"
    python3 "$here/gen_corpus.py" "$kind" "$corpus" "$scale"
    start_servers "$corpus"
    out="$work/runs/fsyncs-$kind"
    rm -rf "$out"
    drop_caches >/dev/null
    strace -f -y -T -e trace=fsync,fdatasync,syncfs,sync,sync_file_range,rename,renameat,renameat2 \
      -o "$work/strace-$kind.txt" "$root/faf" bulk-download --api-url "http://127.0.0.1:$api_port" \
      --token bench --delay-ms 0 --concurrency 8 --output-dir "$out" --quiet
    python3 "$here/fsyncs.py" "$work/strace-$kind.txt" "$corpus/catalogue.json" "$kind"
    rm -rf "$out"
    stop_servers
  done
}

ensure_tools
if [[ ! -f "$jar" ]] || [[ -n "$(find "$root/src/main" "$root/pom.xml" -newer "$jar" -print -quit)" ]]; then
  log "building $jar"
  (cd "$root" && mvn -B -q -DskipTests -Dspotless.check.skip=true package)
fi
case "$mode" in
  full) run_full ;;
  scale) run_scale ;;
  nmt) run_nmt ;;
  fsyncs) run_fsyncs ;;
  *)
    echo "usage: bash bench/run.sh [full|scale|nmt|fsyncs]" >&2
    exit 2
    ;;
esac

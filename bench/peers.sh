#!/usr/bin/env bash
# The tools faf is measured against. Each ends with `sync`, so that its time is "the maps are on
# disk", as faf's is (faf fsyncs what it extracts; run.sh adds a `sync` to faf's time as well).
#
#   bash bench/peers.sh TOOL CONCURRENCY URLS_FILE OUT_DIR
#
# TOOL: curl-only        N x curl, download only: the floor, not a peer (nothing is extracted)
#       curl-bsdtar      per map `curl URL | bsdtar -xf -`, N maps at a time (streaming extract)
#       curl-unzip       per map curl to a file, then unzip it and delete it, N maps at a time
#       aria2c-parunzip  aria2c -j N for all maps, then unzip N archives at a time
#       aria2c-unzip     aria2c -j N for all maps, then unzip one archive after the other
# Each map goes to OUT_DIR/<the archive's top folder>; archives wait in OUT_DIR/.downloads/.
set -euo pipefail

# One map's work, run by xargs: bash peers.sh _STEP OUT_DIR URL
step() {
  local out="$2" url="$3" zip
  zip="$out/.downloads/${url##*/}"
  case "$1" in
    _curl) curl -sSf -o "$zip" "$url" ;;
    _bsdtar) curl -sSf "$url" | bsdtar -xf - -C "$out" ;;
    _curl_unzip) curl -sSf -o "$zip" "$url" && unzip -q "$zip" -d "$out" && rm "$zip" ;;
    _unzip) unzip -q "$url" -d "$out" && rm "$url" ;; # here "url" is the downloaded archive
  esac
}

if [[ "${1:-}" == _* ]]; then
  step "$@"
  exit
fi

if (($# != 4)); then
  echo "usage: bash bench/peers.sh TOOL CONCURRENCY URLS_FILE OUT_DIR" >&2
  exit 2
fi
tool="$1" c="$2" urls="$3" out="$4"
self="${BASH_SOURCE[0]}"
mkdir -p "$out/.downloads"

aria() {
  aria2c -j "$c" -x 1 -i "$urls" -d "$out/.downloads" --auto-file-renaming=false \
    --allow-overwrite=true --console-log-level=warn --summary-interval=0 --quiet=true
}

case "$tool" in
  curl-only) xargs -P "$c" -n 1 -a "$urls" bash "$self" _curl "$out" ;;
  curl-bsdtar) xargs -P "$c" -n 1 -a "$urls" bash "$self" _bsdtar "$out" ;;
  curl-unzip) xargs -P "$c" -n 1 -a "$urls" bash "$self" _curl_unzip "$out" ;;
  aria2c-parunzip)
    aria
    find "$out/.downloads" -name '*.zip' -print0 | xargs -0 -P "$c" -n 1 bash "$self" _unzip "$out"
    ;;
  aria2c-unzip)
    aria
    for zip in "$out"/.downloads/*.zip; do
      unzip -q "$zip" -d "$out"
      rm "$zip"
    done
    ;;
  *)
    echo "peers.sh: unknown tool '$tool'" >&2
    exit 2
    ;;
esac
[[ "$tool" == curl-only ]] || rmdir "$out/.downloads"
sync

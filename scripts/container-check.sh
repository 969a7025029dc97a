#!/usr/bin/env bash
# Runs README's docker-compose workflow on a real container engine and fails on any wrong result:
#   docker-compose run --rm faf bulk-download --limit 10 --output-dir /data/maps   -> 10 maps
#   docker-compose run --rm dev bash -c "ls /data/maps | wc -l"                     -> 10 + state files
#   docker-compose run --rm dev cat /data/maps/checkpoint.json                     -> 10 completed
#   docker-compose run --rm faf verify --output-dir /data/maps                     -> exit 0
#   docker-compose run --rm dev mvn -B verify                                      -> passes
# against scripts/fake_vault.py, a FAF-like API and content server on 127.0.0.1.
#
# Made for a Debian bookworm machine where it runs as root (CI's): it installs what it needs with
# apt. The engine is Debian's podman, driven by docker-compose through podman's Docker-compatible
# socket. Docker Hub cannot be reached from here, so the Dockerfile's two base images are
# STAND-INS built from Debian packages and tagged with the registry names the Dockerfile and
# docker-compose.yml use (maven:3.9-eclipse-temurin-17, eclipse-temurin:17-jre): the Dockerfile
# stays as users run it against the real images. Stand-ins are built once and kept in podman's
# storage; FAF_CHECK_REBUILD=1 builds them again.
#
# The run works on a copy of the repository (without target/, data/, .git) in $FAF_CHECK_DIR
# (default /tmp/faf-container-check), so that your own ./data and target/ are left alone.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="${FAF_CHECK_DIR:-/tmp/faf-container-check}"
maven_image=docker.io/library/maven:3.9-eclipse-temurin-17
jre_image=docker.io/library/eclipse-temurin:17-jre
maps=10

started=$SECONDS
step_started=$SECONDS
log() { echo "container-check: $*"; }
fail() {
  echo "container-check: FAIL: $*" >&2
  exit 1
}
step() {
  log "[$((SECONDS - started)) s] $*"
  step_started=$SECONDS
}
done_step() { log "  ... $((SECONDS - step_started)) s"; }

# --- tools ------------------------------------------------------------------------------------
# runc, not crun: crun refuses this kind of machine's mixed cgroup v1/v2 layout ("cgroups in
# hybrid mode not supported").
need=()
for tool in podman:podman runc:runc docker-compose:docker-compose mmdebstrap:mmdebstrap python3:python3; do
  command -v "${tool%%:*}" >/dev/null || need+=("${tool#*:}")
done
if [[ ${#need[@]} -gt 0 ]]; then
  [[ $(id -u) -eq 0 ]] || fail "needs ${need[*]}; install them (apt-get install ${need[*]}) or run as root"
  step "installing ${need[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
  done_step
fi

# One check at a time on a machine: two would share the faf:latest image and the m2 volume.
exec 9>"${TMPDIR:-/tmp}/faf-container-check.lock"
flock 9
case "$(realpath -m "$work")" in
  / | "$repo" | "$repo"/* | "$(dirname "$repo")") fail "FAF_CHECK_DIR=$work would delete more than the check's own files" ;;
esac
rm -rf "$work"
mkdir -p "$work"
# Podman's default open-files limit for containers is above this sandbox's hard limit ("error
# setting rlimit type 7"), so containers keep the engine's own limits. Given to podman through
# CONTAINERS_CONF rather than written to /etc/containers: the check changes no system setting.
cat >"$work/containers.conf" <<'EOF'
[containers]
default_ulimits = []

[engine]
runtime = "runc"
EOF
export CONTAINERS_CONF="$work/containers.conf"

pids=()
cleanup() {
  local code=$?
  for pid in "${pids[@]}"; do
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  if [[ $code -ne 0 ]]; then
    log "failed after $((SECONDS - started)) s; the copy it ran in is $work/src"
  fi
}
trap cleanup EXIT

# --- stand-in base images -----------------------------------------------------------------------
# build_stand_in TAG PACKAGES: a Debian bookworm root file system with PACKAGES, trusting the CA
# certificates this machine added locally (Maven in the build stage reaches Maven Central through
# them), imported into podman under TAG.
build_stand_in() {
  local tag="$1" packages="$2" tarball="$work/stand-in.tar"
  if [[ ${FAF_CHECK_REBUILD:-0} != 1 ]] && podman image exists "$tag"; then
    log "stand-in $tag: already built"
    return
  fi
  step "building stand-in $tag from Debian packages: $packages"
  local hooks=()
  if compgen -G "/usr/local/share/ca-certificates/*" >/dev/null; then
    hooks+=(--customize-hook='copy-in /usr/local/share/ca-certificates /usr/local/share')
  fi
  # shellcheck disable=SC2016 # mmdebstrap expands $1 (the new root), not this shell
  hooks+=(--customize-hook='chroot "$1" update-ca-certificates')
  mmdebstrap --quiet --variant=minbase --include="$packages" "${hooks[@]}" \
    bookworm "$tarball" http://deb.debian.org/debian </dev/null
  # The registry images run with a UTF-8 locale; Java's file name encoding follows it.
  podman import --quiet --change 'ENV LANG=C.UTF-8' --change 'CMD ["bash"]' \
    "$tarball" "$tag" >/dev/null
  rm -f "$tarball"
  done_step
}
build_stand_in "$maven_image" openjdk-17-jdk-headless,maven,ca-certificates
build_stand_in "$jre_image" openjdk-17-jre-headless,ca-certificates

# --- engine and server --------------------------------------------------------------------------
step "starting podman's Docker-compatible service and the FAF-like server"
socket="$work/podman.sock"
podman system service --time=0 "unix://$socket" >"$work/podman-service.log" 2>&1 &
pids+=($!)
python3 "$repo/scripts/fake_vault.py" "$work/vault.port" 12 >"$work/vault.log" 2>&1 &
pids+=($!)
for _ in $(seq 600); do
  [[ -S $socket && -s $work/vault.port ]] && break
  sleep 0.1
done
[[ -S $socket ]] || fail "podman's service did not open $socket: $(cat "$work/podman-service.log")"
[[ -s $work/vault.port ]] || fail "the FAF-like server did not start: $(cat "$work/vault.log")"
port="$(cat "$work/vault.port")"
done_step

export DOCKER_HOST="unix://$socket"
export COMPOSE_PROJECT_NAME=fafcheck # one m2 volume and one faf image, whatever the copy's path
export COMPOSE_FILE=docker-compose.yml:scripts/compose.ci.yml
export FAF_API_URL="http://127.0.0.1:$port" FAF_API_TOKEN=container-check
unset FAF_CLIENT_ID FAF_CLIENT_SECRET FAF_TOKEN_URL FAF_CONTENT_URL FAF_UID FAF_GID

mkdir -p "$work/src"
tar -C "$repo" --exclude=./target --exclude=./data --exclude=./.git --exclude=./bench/work \
  -cf - . | tar -C "$work/src" -xf -
cd "$work/src"
# As README says: ./data exists and the image's own user (uid 10001) may write to it.
mkdir -p data
chown 10001:10001 data

# run NAME COMMAND...: runs a step with its output shown and its standard output kept in
# $work/NAME.out and $out (docker-compose's own "Creating ..." lines go to standard error).
run() {
  local name="$1" shown="" arg
  shift
  for arg in "$@"; do
    [[ $arg == *" "* ]] && arg="\"$arg\""
    shown+="${shown:+ }$arg"
  done
  step "$shown"
  set +e
  "$@" </dev/null | tee "$work/$name.out"
  local code=${PIPESTATUS[0]}
  set -e
  out="$(cat "$work/$name.out")"
  [[ -z $out || $(tail -c 1 "$work/$name.out") == "" ]] || echo # cat of a file without a newline
  done_step
  [[ $code -eq 0 ]] || fail "'$*' exited $code"
}

# Built from this checkout every time: docker-compose run alone would reuse an old faf:latest.
run build docker-compose build faf

run download docker-compose run --rm faf bulk-download --limit "$maps" --output-dir /data/maps
grep -q "^Done: $maps downloaded, 0 skipped (already present), 0 failed, $maps total" <<<"$out" \
  || fail "bulk-download did not report $maps maps downloaded"

# The seed's count: faf keeps its state files beside the maps, so ls counts them too.
run count docker-compose run --rm dev bash -c "ls /data/maps | wc -l"
count="$(tr -d '\r[:space:]' <<<"$out")"
[[ $count == $((maps + 3)) ]] \
  || fail "ls /data/maps | wc -l printed '$count', not $((maps + 3)): $maps map folders + 3 state files"
run listing docker-compose run --rm dev bash -c "ls -p /data/maps"
listing="$(tr -d '\r' <<<"$out")"
expected_folders="$(for i in $(seq -f %02g 1 "$maps"); do echo "ci_map_$i.v0001/"; done)"
folders="$(grep '/$' <<<"$listing" || true)"
files="$(grep -v '/$' <<<"$listing" || true)"
[[ $folders == "$expected_folders" ]] \
  || fail "/data/maps should hold the folders ci_map_01.v0001 .. ci_map_$maps.v0001, has: $folders"
[[ $files == $'checkpoint.json\nfailures.json\nmaps.json' ]] \
  || fail "/data/maps should hold checkpoint.json, failures.json and maps.json beside the maps, has: $files"
log "  $maps map folders + checkpoint.json, failures.json, maps.json = $count"

run checkpoint docker-compose run --rm dev cat /data/maps/checkpoint.json
python3 - "$work/checkpoint.out" "$maps" <<'EOF' || fail "checkpoint.json does not list the $maps maps as completed"
import json, sys
checkpoint = json.loads(open(sys.argv[1]).read())
expected = {str(i) for i in range(1, int(sys.argv[2]) + 1)}
assert sorted(checkpoint["completed"]) == sorted(expected), checkpoint["completed"]
assert checkpoint["in_progress"] == [], checkpoint["in_progress"]
assert checkpoint["limit"] == int(sys.argv[2]), checkpoint["limit"]
EOF

run verify docker-compose run --rm faf verify --output-dir /data/maps
grep -q "Checked $maps map folders in /data/maps: $maps ok, 0 broken, 0 missing." <<<"$out" \
  || fail "verify did not report $maps maps ok"

run dev-verify docker-compose run --rm dev mvn -B verify
grep -q "BUILD SUCCESS" <<<"$out" || fail "mvn -B verify in the dev service did not succeed"

# Each run whose sources changed leaves the previous faf image and build stage untagged; keep a
# day of them as build cache and let older ones go, so that CI's storage does not grow forever.
podman image prune --force --filter until=24h >/dev/null || true
log "passed in $((SECONDS - started)) s"

#!/usr/bin/env bash
# Restore, build (warnings are errors), run every NUnit test, print "N passed, N failed, N skipped".
#   ./test.sh                 the whole suite (reliability tests at reduced trial counts)
#   ./test.sh --reliability   only the Reliability category, at full trial counts
# The child `yoi` processes the tests start run the native build when this machine can build it (YOI_TEST_BUILD=jit
# for `dotnet yoi.dll`); see docs/testing.md.
set -uo pipefail
cd "$(dirname "$0")"

filter=""
if [[ "${1:-}" == "--reliability" ]]; then
  filter="TestCategory=Reliability"
  export YOI_RELIABILITY_FULL=1
fi

mkdir -p .test-logs
log=.test-logs/test.log
: > "$log"

if ! dotnet build Yoi.sln -c Debug -nologo -clp:ErrorsOnly 2>&1 | tee -a "$log"; then
  echo "build failed (see $log)"
  echo "0 passed, 1 failed, 0 skipped"
  exit 1
fi
if grep -qE ' error [A-Z]+[0-9]+' "$log"; then
  echo "0 passed, 1 failed, 0 skipped"
  exit 1
fi

# The suite's child `yoi` processes (CLI calls, Pods, the panel in tmux) run the native (Native AOT) build of this
# source where the toolchain for it is present, as ./yoi does: it starts in milliseconds where `dotnet yoi.dll` spends
# about half a CPU-second on JIT start-up, and the suite starts hundreds of them. The publish is incremental (a few
# seconds when nothing changed) and always runs, so a stale native build is never used. YOI_TEST_BUILD=jit (or a
# plain `dotnet test`) runs `dotnet yoi.dll` instead; YOI_TEST_BUILD=native insists on the native build.
native_root="$PWD"
# shellcheck source=scripts/native.sh
source scripts/native.sh
unset YOI_TEST_NATIVE_BIN
test_build="${YOI_TEST_BUILD:-}"
cc="$(native_toolchain)"
case "$test_build" in
  jit)
    echo "test children: the JIT build (dotnet yoi.dll), as YOI_TEST_BUILD=jit asks" | tee -a "$log" ;;
  native|"")
    if [[ -n "$cc" ]]; then
      echo "test children: the native build ($native_rid, $cc found; publishing it now) — YOI_TEST_BUILD=jit runs dotnet yoi.dll" | tee -a "$log"
      if ! native_publish 2>&1 | tee -a "$log" || [[ ! -x "$native_out/yoi" ]]; then
        echo "the native publish failed (see $log); fix it, or run YOI_TEST_BUILD=jit ./test.sh to test with the JIT build"
        echo "0 passed, 1 failed, 0 skipped"
        exit 1
      fi
      export YOI_TEST_NATIVE_BIN="$native_out/yoi"
    elif [[ "$test_build" == native ]]; then
      echo "YOI_TEST_BUILD=native needs a C toolchain for Native AOT (clang or gcc, and ld) on linux-x64/linux-arm64;" \
           "install clang (or gcc), binutils and zlib1g-dev, or unset YOI_TEST_BUILD"
      echo "0 passed, 1 failed, 0 skipped"
      exit 1
    else
      echo "test children: the JIT build (dotnet yoi.dll): no clang or gcc with ld for Native AOT here (install clang, binutils and zlib1g-dev for the faster native children)" | tee -a "$log"
    fi ;;
  *)
    echo "YOI_TEST_BUILD must be native or jit (got \`$test_build\`); unset it to let ./test.sh choose"
    echo "0 passed, 1 failed, 0 skipped"
    exit 2 ;;
esac

# The pinned real agent CLIs (agent-clis/package.json) for the real-agent end-to-end tests. Without npm or the
# registry those tests are skipped with the reason (agent-clis/install.log); everything else still runs.
if [[ ! -x agent-clis/node_modules/.bin/claude || agent-clis/package-lock.json -nt agent-clis/node_modules/.package-lock.json ]]; then
  if command -v npm >/dev/null 2>&1; then
    (cd agent-clis && npm ci) > agent-clis/install.log 2>&1 \
      || echo "warning: npm could not install the agent CLIs (see agent-clis/install.log); the real-agent tests will be skipped"
  else
    echo "npm is not installed, so the pinned agent CLIs could not be installed" > agent-clis/install.log
  fi
fi

# A test that is silent longer than this is dumped and killed. The full soak runs 10 minutes by design, so the
# reliability run allows 20.
hang=6m
[[ -n "$filter" ]] && hang=20m
# Per-test durations land in .test-logs/tests.trx (docs/testing.md shows how to sum them per fixture).
args=(test Yoi.sln --no-build -c Debug -nologo --blame-hang-timeout "$hang" --logger "trx;LogFileName=$PWD/.test-logs/tests.trx")
[[ -n "$filter" ]] && args+=(--filter "$filter")
# Each reliability test appends one "[reliability] …" figures line here; --reliability prints them at the end.
: > .test-logs/reliability-figures.txt
# The tests' temp directories (every test's repository, Pod data and runtime dirs, Tickets) go to a tmpfs where there
# is one with room, and are removed with it at the end: the suite creates and deletes a great many files, and
# on ext4 the kernel's search for a free inode among the recently deleted ones made tests several times slower
# (docs/testing.md). Without a /dev/shm with 1 GiB free they stay in $TMPDIR (or /tmp).
scratch=""
if [[ -d /dev/shm && -w /dev/shm ]] && (( $(df -Pk /dev/shm | awk 'NR==2 { print $4 }') > 1048576 )) \
   && scratch="$(mktemp -d /dev/shm/yoi-test-XXXXXX)"; then
  chmod 1777 "$scratch" # like /tmp: a test that lets another uid reach a socket under its own directory needs to pass through
  trap 'rm -rf "$scratch"' EXIT
  echo "test temp directories: $scratch (tmpfs; removed at the end)" | tee -a "$log"
fi
TMPDIR="${scratch:-${TMPDIR:-/tmp}}" dotnet "${args[@]}" 2>&1 | tee -a "$log"
rc=${PIPESTATUS[0]}

if [[ -n "$filter" ]]; then
  echo "Reliability figures (also in .test-logs/reliability-figures.txt):"
  sed 's/^[^ ]* //' .test-logs/reliability-figures.txt
fi
awk '/^(Passed|Failed)! +- +Failed:/ { gsub(",", ""); for (i=1;i<=NF;i++) { if ($i=="Failed:") f+=$(i+1); if ($i=="Passed:") p+=$(i+1); if ($i=="Skipped:") s+=$(i+1) } ; seen=1 }
     END { printf "%d passed, %d failed, %d skipped\n", p, f, s; if (!seen || p==0) exit 3 }' "$log"
summary_rc=$?
if [[ $rc -eq 0 && $summary_rc -ne 0 ]]; then
  echo "no test result was reported; treating the run as failed"
  exit 1
fi
exit $rc

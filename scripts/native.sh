# The native (Native AOT) build of `yoi`, shared by ./yoi, ./test.sh and .ci/run (source it; it defines no side
# effects): where it goes, whether this machine can build it, and the one publish command.
#   native_rid              linux-x64 or linux-arm64 ("" on other machines: no native build there)
#   native_out              the output directory (the executable is "$native_out/yoi")
#   native_toolchain        prints the C compiler Native AOT will link with (clang or gcc, with ld), or nothing
#   native_publish          publishes (incrementally: ≈ 3 s when nothing changed); errors go to stderr; rc ≠ 0 on failure
# Needs `native_root` (the repository root) set before sourcing.
case "$(uname -m)" in
  x86_64) native_rid=linux-x64 ;;
  aarch64|arm64) native_rid=linux-arm64 ;;
  *) native_rid="" ;;
esac
native_out="$native_root/Yoi.Tui/bin/native/$native_rid"

native_toolchain() {
  if [[ -z "$native_rid" ]]; then echo ""; return; fi
  local cc
  for cc in clang gcc; do
    if command -v "$cc" >/dev/null 2>&1 && command -v ld >/dev/null 2>&1; then echo "$cc"; return; fi
  done
  echo ""
}

native_publish() {
  dotnet publish "$native_root/Yoi.Tui/Yoi.Tui.csproj" -c Release -r "$native_rid" -o "$native_out" -nologo -clp:ErrorsOnly >&2 \
    && touch "$native_out/yoi"
}

#!/usr/bin/env bash
# docs_install.sh -- the man page renders without warnings (groff -ww, man -l); `cmake --install` into a
# temporary prefix installs the binary, the man page, the bash completion and the JSON schema; the
# installed binary runs (help, a TLS connection, -json); the installed completion completes.
set -u
. "$(dirname "$0")/lib.sh"

require_s_client
BUILD_DIR=${BUILD_DIR:-$REPO_ROOT/build}
PAGE=$REPO_ROOT/docs/s_client.1

groff -ww -man -Tutf8 "$PAGE" >"$RUN_DIR/groff.out" 2>"$RUN_DIR/groff.err"
check "groff -ww renders the man page" test -s "$RUN_DIR/groff.out"
check "groff -ww: no warnings" test ! -s "$RUN_DIR/groff.err"
MANWIDTH=80 man -l "$PAGE" >"$RUN_DIR/man.out" 2>"$RUN_DIR/man.err"
check "man -l: no warnings" test ! -s "$RUN_DIR/man.err"
check_grep "man -l: EXIT STATUS section" '^EXIT STATUS' "$RUN_DIR/man.out"
# Every option -help lists is in the rendered page.
"${S_CLIENT%% *}" -help 2>"$RUN_DIR/help.txt"
missing=$(grep -oE '^ -[^ ]+' "$RUN_DIR/help.txt" | while read -r o; do
    grep -qE -- "(^|[[:space:]])${o}([[:space:]]|$)" "$RUN_DIR/man.out" || echo "$o"; done)
check "man page lists every -help option${missing:+ (missing: $missing)}" test -z "$missing"

prefix=$RUN_DIR/prefix
cmake --install "$BUILD_DIR" --prefix "$prefix" >"$RUN_DIR/install.out" 2>&1
check "cmake --install into a temporary prefix" test -x "$prefix/bin/s_client"
check "man page installed" test -f "$prefix/share/man/man1/s_client.1"
check "bash completion installed" test -f "$prefix/share/bash-completion/completions/s_client"
check "JSON schema installed" test -f "$prefix/share/doc/s_client/report.schema.json"
check "installed man page renders" bash -c "man -l '$prefix/share/man/man1/s_client.1' >/dev/null 2>'$RUN_DIR/man2.err' && test ! -s '$RUN_DIR/man2.err'"

S_CLIENT=$prefix/bin/s_client
run_client installed-help -help
expect_rc "installed binary: -help exits 0" "$RUN_DIR/installed-help" 0
check_grep "installed binary: -help lists -json" '^ -json ' "$RUN_DIR/installed-help.err"
pki_dir >/dev/null || exit 1
pki_server_args good
start_s_server port -www "${PKI_ARGS[@]}" || exit 1
run_client installed-tls -connect "127.0.0.1:$port" -CAfile "$_LIB_PKI/root.pem"
expect_rc "installed binary: a TLS connection exits 0" "$RUN_DIR/installed-tls" 0
check_grep "installed binary: verification OK" '^Verification: OK$' "$RUN_DIR/installed-tls.out"
start_s_server port -www "${PKI_ARGS[@]}" || exit 1
run_client installed-json -json -connect "127.0.0.1:$port" -CAfile "$_LIB_PKI/root.pem"
check "installed binary: -json valid against the installed schema" bash -c \
    "/usr/bin/python3 '$LIB_DIR/json_tool.py' split '$RUN_DIR/installed-json.out' &&
     /usr/bin/python3 '$LIB_DIR/json_tool.py' validate '$prefix/share/doc/s_client/report.schema.json' '$RUN_DIR/installed-json.out.json'"

# The installed completion, driven as bash drives it.
comp() { # comp WORD... -- complete the last word
    bash -c '. "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _s_client; printf "%s\n" "${COMPREPLY[@]}"' \
        _ "$prefix/share/bash-completion/completions/s_client" "$@"
}
check "completion: -starttls values" test "$(comp s_client -starttls po | tr '\n' ' ')" = "pop3 postgres "
check "completion: options" test "$(comp s_client -verify_h | tr '\n' ' ')" = "-verify_hostname "
check "completion: -CAfile completes files" bash -c "cd '$RUN_DIR' && touch zz-ca.pem && test \"\$(. '$prefix/share/bash-completion/completions/s_client'; COMP_WORDS=(s_client -CAfile zz-); COMP_CWORD=2; _s_client; echo \"\${COMPREPLY[*]}\")\" = zz-ca.pem"

finish

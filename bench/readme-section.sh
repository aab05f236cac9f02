# Sourced by the bench scripts. write_section NAME TABLE: puts TABLE between bench/README.md's markers
# "<!-- NAME: start -->" and "<!-- NAME: end -->", replacing what was there, or adds the section at the end.
write_section() {
    local start="<!-- $1: start -->" end="<!-- $1: end -->" table=$2 readme=${README:-bench/README.md} rewritten
    if grep -qF "$start" "$readme"; then
        rewritten=$(mktemp)
        awk -v start="$start" -v end="$end" -v table="$table" '
            $0 == start { print; while ((getline line < table) > 0) print line; skipping = 1; next }
            $0 == end { skipping = 0 }
            !skipping { print }' "$readme" >"$rewritten"
        cat "$rewritten" >"$readme"
        rm -f "$rewritten"
    else
        { echo; echo "$start"; cat "$table"; echo "$end"; } >>"$readme"
    fi
    echo
    echo "Results written to $readme."
}

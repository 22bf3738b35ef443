#!/usr/bin/env bash
# Regenerates the sample mboxes from a throwaway git repository, byte for
# byte: fixed names, e-mails and dates; git format-patch
# write the patch mails, samples/assemble.py adds what they leave out (Message-Id,
# threading headers, Date, List-Id) and the hand-written review replies.
# The generated files are committed; this script documents how they were made.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

export HOME="$work" GIT_CONFIG_NOSYSTEM=1 TZ=UTC LC_ALL=C
export GIT_AUTHOR_NAME="Ada Lovelace" GIT_AUTHOR_EMAIL="ada@example.org"
export GIT_COMMITTER_NAME="Ada Lovelace" GIT_COMMITTER_EMAIL="ada@example.org"
commit() { # commit <date> <message>
  GIT_AUTHOR_DATE="$1" GIT_COMMITTER_DATE="$1" git -c commit.gpgsign=false commit -q -a -m "$2"
}

git init -q -b main "$work/calc"
cd "$work/calc"
printf 'int add(int a, int b)\n{\n\treturn a + b;\n}\n' > calc.c
printf '# calc\n\nA tiny calculator.\n' > README
git add calc.c README
commit "2024-03-01T09:00:00Z" "Initial import"
git tag v1.0

# the series: three patches
printf 'int add(int a, int b)\n{\n\treturn a + b;\n}\n\nint sub(int a, int b)\n{\n\treturn a - b;\n}\n' > calc.c
commit "2024-03-01T09:10:00Z" "calc: add subtraction

Callers had to negate and add; give them sub() instead."
printf 'int add(int a, int b)\n{\n\treturn a + b;\n}\n\nint sub(int a, int b)\n{\n\treturn a - b;\n}\n\nint mul(int a, int b)\n{\n\treturn a * b;\n}\n' > calc.c
commit "2024-03-01T09:20:00Z" "calc: add multiplication"
printf '# calc\n\nA tiny calculator: add, sub and mul.\n' > README
commit "2024-03-01T09:30:00Z" "README: list the operations"
git format-patch -q --stdout --cover-letter v1.0..HEAD > "$work/series.txt"

# v1 and v2 of a two-patch series on another branch
git checkout -q -b div v1.0
printf 'int add(int a, int b)\n{\n\treturn a + b;\n}\n\nint div(int a, int b)\n{\n\treturn a / b;\n}\n' > calc.c
commit "2024-03-02T09:00:00Z" "calc: add division"
printf '# calc\n\nA tiny calculator: add and div.\n' > README
commit "2024-03-02T09:05:00Z" "README: mention division"
git format-patch -q --stdout --cover-letter v1.0..HEAD > "$work/v1.txt"
git reset -q --hard v1.0
printf 'int add(int a, int b)\n{\n\treturn a + b;\n}\n\nint div(int a, int b)\n{\n\treturn b ? a / b : 0;\n}\n' > calc.c
commit "2024-03-03T09:00:00Z" "calc: add division

Division by zero returns 0 instead of trapping."
printf '# calc\n\nA tiny calculator: add and div.\n' > README
commit "2024-03-03T09:05:00Z" "README: mention division"
git format-patch -q --stdout --cover-letter -v2 v1.0..HEAD > "$work/v2.txt"

# (the pull request is written in git request-pull's shape by assemble.py:
# request-pull itself needs to reach the repository it names)
git checkout -q main

# one patch for the encodings pack
git checkout -q -b enc v1.0
printf '# calc\n\nA tiny calculator by Jörg Rödel.\n' > README
commit "2024-03-04T09:00:00Z" "README: credit the author"
git format-patch -q --stdout -1 HEAD > "$work/enc.txt"

python3 "$here/assemble.py" "$work" "$here"

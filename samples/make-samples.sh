#!/usr/bin/env bash
# Regenerates the sample mailing-list archives in this folder:
#   series-with-review.mbox  reroll-v2.mbox  pull-request.mbox  encodings.mbox
#
# Everything comes from a throwaway git repository of a tiny made-up project,
# "calc", built in a temporary directory with fixed names, e-mail addresses
# and dates. git is configured only with `git -c` and environment variables:
# no global or system configuration is read or written.
#
# git format-patch writes the patch mails and cover letters (cover subject and
# text from the branch description), git request-pull the pull request. The
# Python step at the end adds what a list archive has and git leaves out or
# makes depend on the clock: fixed Date headers a few minutes apart, fixed
# Message-Id timestamps, List-Id, the hand-written review replies, and the
# transfer encodings of encodings.mbox.
#
# The output is byte-identical on every run (check: run twice, compare with
# cmp). It was made with git 2.39.5; the signature line and the attachment
# boundary are pinned, but other git versions may still differ in details.
#
# Usage: samples/make-samples.sh
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Nothing of the caller's git setup may leak in.
while read -r v; do unset "$v"; done < <(compgen -e | grep '^GIT_' || true)
export GIT_CONFIG_GLOBAL=/dev/null GIT_CONFIG_NOSYSTEM=1 TZ=UTC LC_ALL=C

ADA="Ada Lovelace <ada@example.org>"
BOB="Bob Builder <bob@example.org>"
CAROL="Carol Shaw <carol@example.org>"
JOERG="Jörg Rödel <joerg@example.org>"
DAVE="Dave Tran <dave@example.org>"
LIST=demo@lists.example.org
URL=https://git.example.org/calc.git

# as "Name <email>" DATE git-arguments...
# Runs git as that person (author and committer) at that time.
as() {
  local who=$1 date=$2 email
  shift 2
  email=${who#*<}
  GIT_AUTHOR_DATE=$date GIT_COMMITTER_DATE=$date \
    git -c user.name="${who% <*}" -c user.email="${email%>}" \
        -c commit.gpgsign=false -c core.autocrlf=false "$@"
}
# commit "Name <email>" DATE: commits everything, message from stdin, signed off
commit() { as "$1" "$2" commit -q -a -s -F -; }
# patches "Name <email>" OUT [-c NAME=VALUE]... FORMAT-PATCH-ARGUMENTS...
# Writes the mails that person sends to the list to $work/OUT.
patches() {
  local who=$1 out=$2 config=()
  shift 2
  while [ "$1" = -c ]; do config+=(-c "$2"); shift 2; done
  as "$who" 2024-01-01T00:00:00+0000 "${config[@]}" format-patch --stdout \
    --thread=shallow --to=$LIST --signature=2.39.5 "$@" > "$work/$out"
}

git init -q -b main "$work/calc"
cd "$work/calc"

# v1.0: the calculator can add
cat > calc.c <<'C'
/* calc: a tiny calculator library */

int add(int a, int b)
{
	return a + b;
}
C
printf '# calc\n\nA tiny calculator.\n' > README
git add calc.c README
commit "$ADA" 2024-02-28T09:00:00+0000 <<'MSG'
Initial import
MSG
git tag v1.0

# series-with-review: three patches and a cover letter --------------------
git checkout -q -b more-ops v1.0
printf '\nint sub(int a, int b)\n{\n\treturn a - b;\n}\n' >> calc.c
commit "$ADA" 2024-03-01T09:10:00+0000 <<'MSG'
calc: add subtraction

Callers had to negate and add; give them sub() instead.
MSG
printf '\nint mul(int a, int b)\n{\n\treturn a * b;\n}\n' >> calc.c
commit "$ADA" 2024-03-01T09:20:00+0000 <<'MSG'
calc: add multiplication

Multiply two ints; as with add(), overflow is the caller's problem.
MSG
printf '# calc\n\nA tiny calculator: add, sub and mul.\n' > README
commit "$ADA" 2024-03-01T09:30:00+0000 <<'MSG'
README: list the operations

Name the operations, so that users need not read calc.c.
MSG
more_ops_description='calc: more operations

calc can only add. This series adds subtraction and multiplication
and lists the operations in the README.'
patches "$ADA" series.txt -c branch.more-ops.description="$more_ops_description" \
  --cover-letter --cover-from-description=subject v1.0..more-ops

# reroll-v2: a two-patch series, then its v2 --------------------------------
git checkout -q -b div v1.0
printf '\nint div(int a, int b)\n{\n\treturn a / b;\n}\n' >> calc.c
commit "$ADA" 2024-03-04T09:00:00+0000 <<'MSG'
calc: add division

Integer division, rounding towards zero.
MSG
printf '# calc\n\nA tiny calculator that can also divide.\n' > README
commit "$ADA" 2024-03-04T09:05:00+0000 <<'MSG'
README: mention division
MSG
patches "$ADA" v1.txt -c branch.div.description='calc: division

Add div() and mention it in the README.' \
  --cover-letter --cover-from-description=subject v1.0..div

git reset -q --hard v1.0
printf '\nint div(int a, int b)\n{\n\treturn b ? a / b : 0;\n}\n' >> calc.c
commit "$ADA" 2024-03-05T09:00:00+0000 <<'MSG'
calc: add division

Integer division, rounding towards zero. Dividing by zero returns 0
instead of trapping.
MSG
printf '# calc\n\nA tiny calculator that can also divide.\n' > README
commit "$ADA" 2024-03-05T09:05:00+0000 <<'MSG'
README: mention division
MSG
patches "$ADA" v2.txt -c branch.div.description='calc: division

Add div() and mention it in the README.

Changes since v1:
- div() returns 0 when dividing by zero (Bob)' \
  --cover-letter --cover-from-description=subject -v2 v1.0..div

# pull-request: ask for more-ops to be pulled --------------------------------
# request-pull checks with ls-remote that the branch is published at the URL;
# https is switched off so that it never goes on the network: it warns that
# it found no match (exit status 1) and writes the request all the same.
as "$ADA" 2024-03-08T09:00:00+0000 -c protocol.https.allow=never \
  -c branch.more-ops.description="$more_ops_description" \
  request-pull v1.0 "$URL" more-ops > "$work/pull.txt" 2> /dev/null < /dev/null || true
grep -q '^are available in the Git repository at:$' "$work/pull.txt"

# encodings: one single patch per branch ------------------------------------
git checkout -q -b german v1.0
printf 'Auf Deutsch: ein winziger Rechner f\xc3\xbcr ganze Zahlen.\n' >> README
commit "$ADA" 2024-03-11T09:00:00+0000 <<'MSG'
README: add a German summary

For readers who prefer German ("für Leser, die lieber Deutsch lesen").
MSG
patches "$ADA" enc-qp.txt --subject-prefix='PATCH RFC' -1

git checkout -q -b japanese v1.0
printf 'In Japanese: \xe9\x9b\xbb\xe5\x8d\x93 (dentaku).\n' >> README
commit "$BOB" 2024-03-11T09:05:00+0000 <<'MSG'
README: add the Japanese name

電卓 (dentaku) is the Japanese word for a calculator.
MSG
patches "$BOB" enc-b64.txt -1

# latin-1 all the way: the file, the commit message and the mail
git checkout -q -b french v1.0
printf 'En fran\xe7ais : une petite calculatrice \xe9crite en C.\n' >> README
printf 'README: add a French summary\n\nR\xe9sum\xe9 en fran\xe7ais.\n' |
  as "$CAROL" 2024-03-11T09:10:00+0000 -c i18n.commitEncoding=iso-8859-1 commit -q -a -s -F -
patches "$CAROL" enc-latin1.txt -c i18n.logOutputEncoding=iso-8859-1 -1

# the author's name is not ASCII: git writes an RFC 2047 encoded word
git checkout -q -b mod v1.0
printf '\nint mod(int a, int b)\n{\n\treturn a %% b;\n}\n' >> calc.c
commit "$JOERG" 2024-03-11T09:15:00+0000 <<'MSG'
calc: add mod()

The remainder, with the sign of the dividend as in C.
MSG
patches "$JOERG" enc-rfc2047.txt --subject-prefix='PATCH demo' -1

# the patch as a text/x-patch attachment
git checkout -q -b smoke v1.0
cat > test.sh <<'SH'
#!/bin/sh
# Smoke test: compile calc.c and check that 2 + 2 is 4.
set -e
printf 'int add(int, int);\nint main(void) { return add(2, 2) != 4; }\n' > t.c
cc -o t t.c calc.c
./t && echo ok
SH
chmod +x test.sh
git add test.sh
commit "$DAVE" 2024-03-11T09:20:00+0000 <<'MSG'
Add a smoke test

Run ./test.sh to check that calc.c builds and adds.
MSG
patches "$DAVE" enc-attach.txt --attach=calc-patch -1

# assemble the archives ------------------------------------------------------
python3 - "$work" "$here" <<'PY'
"""Turns the git output into mailing-list archives (mboxo).

Mail text is handled as latin-1-decoded strings, i.e. one character per byte,
so that bytes in any charset pass through unchanged.
"""
import base64
import calendar
import quopri
import re
import sys
from datetime import datetime, timedelta

work, out = sys.argv[1], sys.argv[2]
LIST = "demo@lists.example.org"
LIST_ID = "<demo.lists.example.org>"
ADA = ("Ada Lovelace", "ada@example.org")
BOB = ("Bob Builder", "bob@example.org")
CAROL = ("Carol Shaw", "carol@example.org")


class Mail:
    def __init__(self, envelope, headers, body):
        self.envelope = envelope  # the mbox "From " line
        self.headers = headers    # [name, value] pairs, in order
        self.body = body          # ends with one "\n"

    def get(self, name):
        return next((v for n, v in self.headers if n.lower() == name.lower()), None)

    def set(self, name, value):
        for h in self.headers:
            if h[0].lower() == name.lower():
                h[1] = value
                return
        self.headers.append([name, value])

    def text(self):
        lines = self.body.split("\n")
        # mboxo cannot escape these, and every reader would split the mail there
        assert not any(l.startswith("From ") for l in lines), self.get("Subject")
        head = "".join(f"{n}: {v}\n" for n, v in self.headers)
        return f"{self.envelope}\n{head}\n{self.body}\n"


def read_git(name):
    """Splits git format-patch --stdout output into mails."""
    text = open(f"{work}/{name}", "rb").read().decode("latin-1")
    parts = re.split(r"^(From [0-9a-f]{40} Mon Sep 17 00:00:00 2001)\n", text, flags=re.M)
    mails = []
    for envelope, rest in zip(parts[1::2], parts[2::2]):
        head, body = rest.split("\n\n", 1)
        headers = []
        for line in head.split("\n"):
            if line[:1] in (" ", "\t"):
                headers[-1][1] += "\n" + line
            else:
                name, value = line.split(": ", 1)
                headers.append([name, value])
        mails.append(Mail(envelope, headers, body.rstrip("\n") + "\n"))
    return mails


def at(when):
    return datetime.strptime(when, "%Y-%m-%d %H:%M")


def date(t):
    """RFC 2822 date, written the way git writes it."""
    return f"{t:%a}, {t.day} {t:%b %Y %H:%M:%S} +0000"


def send(mails, first):
    """What sending and the list do: Dates a minute apart, Message-Ids with the
    send time in place of the time git ran at, a List-Id."""
    stamp = str(calendar.timegm(first.timetuple()))
    for i, m in enumerate(mails):
        m.set("Date", date(first + timedelta(minutes=i)))
        for h in m.headers:
            if h[0] in ("Message-Id", "In-Reply-To", "References"):
                h[1] = re.sub(r"\.\d+\.git\.", f".{stamp}.git.", h[1])
        m.set("List-Id", LIST_ID)
    return mails


def reply(parent, who, when, msgid, body):
    """A hand-written reply to parent, threaded as mail clients do."""
    name, email = who
    subject = parent.get("Subject").replace("\n", "")
    if not subject.startswith("Re: "):
        subject = "Re: " + subject
    refs = (parent.get("References") or "").split() + [parent.get("Message-Id")]
    t = at(when)
    return Mail(
        f"From {email} {t:%a %b} {t.day:2} {t:%H:%M:%S %Y}",
        [["From", f"{name} <{email}>"], ["To", LIST], ["Subject", subject],
         ["Date", date(t)], ["Message-Id", msgid],
         ["In-Reply-To", parent.get("Message-Id")], ["References", "\n ".join(refs)],
         ["MIME-Version", "1.0"], ["Content-Type", "text/plain; charset=UTF-8"],
         ["Content-Transfer-Encoding", "8bit"], ["List-Id", LIST_ID]],
        body)


def write(name, mails):
    with open(f"{out}/{name}", "wb") as f:
        f.write("".join(m.text() for m in mails).encode("latin-1"))


# series-with-review.mbox -------------------------------------------------
cover, p1, p2, p3 = send(read_git("series.txt"), at("2024-03-01 10:00"))
bob = reply(p1, BOB, "2024-03-01 11:12", "<20240301111200.GA4242@builder.example.org>", """\
On Fri, Mar 01, 2024 at 10:01:00AM +0000, Ada Lovelace wrote:
> Callers had to negate and add; give them sub() instead.
[...]
> +int sub(int a, int b)
> +{
> +	return a - b;
> +}

Looks good to me. A test for it would be nice as a follow-up.

Reviewed-by: Bob Builder <bob@example.org>
""")
ada = reply(bob, ADA, "2024-03-01 11:40", "<87frog3k1q.fsf@ada.example.org>", """\
Bob Builder <bob@example.org> writes:

> Looks good to me. A test for it would be nice as a follow-up.

Thanks! I will send one once this series is in.

Ada
""")
carol = reply(cover, CAROL, "2024-03-01 13:05", "<b1c9e3f0-6a0d-4c55-9d1e-3c0ffee00001@example.org>", """\
On 01/03/2024 10:00, Ada Lovelace wrote:
> calc can only add. This series adds subtraction and multiplication
> and lists the operations in the README.

For the series:

Reviewed-by: Carol Shaw <carol@example.org>

-- 
Carol
""")
write("series-with-review.mbox", [cover, p1, p2, p3, bob, ada, carol])

# reroll-v2.mbox ------------------------------------------------------------
v1 = send(read_git("v1.txt"), at("2024-03-04 10:00"))
v2 = send(read_git("v2.txt"), at("2024-03-05 10:00"))
review = reply(v1[1], BOB, "2024-03-04 14:30", "<20240304143000.GB4242@builder.example.org>", """\
On Mon, Mar 04, 2024 at 10:01:00AM +0000, Ada Lovelace wrote:
> +int div(int a, int b)
> +{
> +	return a / b;
> +}

div(1, 0) traps. Could it return 0 instead?
""")
write("reroll-v2.mbox", v1 + [review] + v2)

# pull-request.mbox -----------------------------------------------------------
t = at("2024-03-08 09:00")
pull = Mail(
    f"From ada@example.org {t:%a %b} {t.day:2} {t:%H:%M:%S %Y}",
    [["From", "Ada Lovelace <ada@example.org>"], ["To", LIST],
     ["Subject", "[GIT PULL] calc: more operations"], ["Date", date(t)],
     ["Message-Id", "<20240308090000.GA1001@ada.example.org>"],
     ["MIME-Version", "1.0"], ["Content-Type", "text/plain; charset=UTF-8"],
     ["Content-Transfer-Encoding", "8bit"], ["List-Id", LIST_ID]],
    "Hi,\n\nplease pull subtraction and multiplication, reviewed on the list\n"
    "last week.\n\n" + open(f"{work}/pull.txt", "rb").read().decode("latin-1").rstrip("\n") + "\n")
write("pull-request.mbox", [pull])

# encodings.mbox --------------------------------------------------------------
[qp] = send(read_git("enc-qp.txt"), at("2024-03-11 10:00"))
[b64] = send(read_git("enc-b64.txt"), at("2024-03-11 10:05"))
[latin1] = send(read_git("enc-latin1.txt"), at("2024-03-11 10:10"))
[rfc2047] = send(read_git("enc-rfc2047.txt"), at("2024-03-11 10:15"))
[attach] = send(read_git("enc-attach.txt"), at("2024-03-11 10:20"))
# git writes UTF-8 bodies as 8bit; these two travel in a transfer encoding
qp.body = quopri.encodestring(qp.body.encode("latin-1")).decode("ascii")
qp.set("Content-Transfer-Encoding", "quoted-printable")
b64.body = base64.encodebytes(b64.body.encode("latin-1")).decode("ascii")
b64.set("Content-Transfer-Encoding", "base64")
assert latin1.get("Content-Type") == "text/plain; charset=iso-8859-1"
assert rfc2047.get("From").startswith("=?UTF-8?q?")
assert attach.get("Content-Type").startswith("multipart/mixed")
write("encodings.mbox", [qp, b64, latin1, rfc2047, attach])
PY

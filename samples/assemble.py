#!/usr/bin/env python3
"""Turns git format-patch output into the sample mailing-list mboxes.

Usage: assemble.py WORKDIR SAMPLESDIR (called by make-samples.sh).
Adds what a list archive has and format-patch leaves out: Message-Id,
In-Reply-To/References threading, Date, To, List-Id; writes the cover letter
text and the review replies. Everything is fixed text: the output is the
same on every run.
"""
import base64
import quopri
import re
import sys

work, out = sys.argv[1], sys.argv[2]
LIST = "demo.lists.example.org"
ENVELOPE = "From mailer@example.org Fri Mar  1 10:00:00 2024"
ADA = "Ada Lovelace <ada@example.org>"
BOB = "Bob Builder <bob@example.org>"
CAROL = "Carol Shaw <carol@example.org>"


def split_patches(path):
    """format-patch --stdout output → list of (headers dict in order, body)."""
    text = open(path, encoding="utf-8").read()
    mails = re.split(r"^From [0-9a-f]{40} Mon Sep 17 00:00:00 2001\n", text, flags=re.M)[1:]
    out = []
    for m in mails:
        head, body = m.split("\n\n", 1)
        headers = []
        for line in head.split("\n"):
            if line[:1] in (" ", "\t"):
                headers[-1] = (headers[-1][0], headers[-1][1] + "\n" + line)
            else:
                k, v = line.split(": ", 1)
                headers.append((k, v))
        out.append((dict(headers), body))
    return out


def mail(frm, subject, msgid, date, body, refs=(), extra=()):
    h = [("From", frm), ("To", f"demo@{LIST.split('.', 1)[1]}" if False else "demo@lists.example.org"),
         ("Subject", subject), ("Date", date), ("Message-Id", msgid)]
    if refs:
        h.append(("In-Reply-To", refs[-1]))
        h.append(("References", " ".join(refs)))
    h.append(("List-Id", f"Demo development list <{LIST}>"))
    h.extend(extra)
    if not any(k == "Content-Type" for k, _ in h):
        h += [("MIME-Version", "1.0"), ("Content-Type", "text/plain; charset=UTF-8"),
              ("Content-Transfer-Encoding", "8bit")]
    head = "".join(f"{k}: {v}\n" for k, v in h)
    return f"{ENVELOPE}\n{head}\n{body.rstrip(chr(10))}\n\n"


def write(name, mails):
    with open(f"{out}/{name}", "wb") as f:
        f.write("".join(mails).encode("utf-8" if name != "encodings.mbox" else "latin-1", "surrogateescape"))


def quote(body, n):
    lines = body.split("\n")[:n]
    return "\n".join("> " + l if l else ">" for l in lines)


# 1. series-with-review.mbox ------------------------------------------------
p = split_patches(f"{work}/series.txt")
cover_body = (
    "calc can only add. This series adds subtraction and multiplication\n"
    "and lists the operations in the README.\n\n"
    + p[0][1].split("*** BLURB HERE ***\n\n", 1)[1].split("\n-- \n")[0].rstrip()
    + "\n\n-- \n2.39.5\n"
)
ids = ["<cover.1709287200.git.ada@example.org>"] + [f"<{i}-calc-ops.1709287200.git.ada@example.org>" for i in (1, 2, 3)]
m = [mail(ADA, "[PATCH 0/3] calc: more operations", ids[0], "Fri, 1 Mar 2024 10:00:00 +0000", cover_body)]
for i in (1, 2, 3):
    h, body = p[i]
    subject = h["Subject"].replace("\n", "")
    m.append(mail(ADA, subject, ids[i], f"Fri, 1 Mar 2024 10:00:0{i} +0000", body, refs=(ids[0],)))
r1 = "<review-1@example.org>"
m.append(mail(BOB, "Re: [PATCH 1/3] calc: add subtraction", r1, "Fri, 1 Mar 2024 11:30:00 +0100",
              "On Fri, 1 Mar 2024, Ada Lovelace wrote:\n" + quote(p[1][1], 4) +
              "\n\nNice and small.\n\nReviewed-by: Bob Builder <bob@example.org>\n", refs=(ids[0], ids[1])))
m.append(mail(ADA, "Re: [PATCH 1/3] calc: add subtraction", "<review-2@example.org>", "Fri, 1 Mar 2024 12:00:00 +0000",
              "On Fri, 1 Mar 2024, Bob Builder wrote:\n> Nice and small.\n\nThanks for the review!\n",
              refs=(ids[0], ids[1], r1)))
m.append(mail(CAROL, "Re: [PATCH 0/3] calc: more operations", "<review-3@example.org>", "Fri, 1 Mar 2024 13:00:00 +0000",
              "> calc can only add.\n\nFor the whole series:\n\nAcked-by: Carol Shaw <carol@example.org>\n",
              refs=(ids[0],)))
write("series-with-review.mbox", m)

# 2. reroll-v2.mbox ------------------------------------------------------------
v1 = split_patches(f"{work}/v1.txt")
v2 = split_patches(f"{work}/v2.txt")
m = []
for ver, ps, day in (("", v1, 2), (" v2", v2, 3)):
    tag = "v2" if ver else "v1"
    cid = f"<cover-{tag}.div@example.org>"
    m.append(mail(ADA, f"[PATCH{ver} 0/2] calc: division", cid, f"Sat, {day} Mar 2024 10:00:00 +0000",
                  "Add div() and mention it in the README.\n" + ("\nChanges in v2: no trap on division by zero.\n" if ver else "")))
    for i in (1, 2):
        h, body = ps[i]
        m.append(mail(ADA, h["Subject"].replace("\n", ""), f"<{i}-{tag}.div@example.org>",
                      f"Sat, {day} Mar 2024 10:00:0{i} +0000", body, refs=(cid,)))
    if not ver:
        m.append(mail(BOB, "Re: [PATCH 1/2] calc: add division", "<div-review@example.org>",
                      "Sat, 2 Mar 2024 18:00:00 +0000",
                      "This traps when b is 0. Please return 0 instead.\n",
                      refs=(cid, "<1-v1.div@example.org>")))
write("reroll-v2.mbox", m)

# 3. pull-request.mbox ---------------------------------------------------------
pull_body = (
    "Hi,\n\nPlease pull the new operations.\n\n"
    "The following changes since commit 0123456789abcdef0123456789abcdef01234567:\n\n"
    "  Initial import (2024-03-01 09:00:00 +0000)\n\n"
    "are available in the Git repository at:\n\n"
    "  https://git.example.org/calc.git main\n\n"
    "for you to fetch changes up to 89abcdef0123456789abcdef0123456789abcdef:\n\n"
    "  README: list the operations (2024-03-01 09:30:00 +0000)\n\n"
    "----------------------------------------------------------------\n"
    "Ada Lovelace (3):\n      calc: add subtraction\n      calc: add multiplication\n"
    "      README: list the operations\n\n README | 2 +-\n calc.c | 10 ++++++++++\n"
    " 2 files changed, 11 insertions(+), 1 deletion(-)\n"
)
write("pull-request.mbox", [mail(ADA, "[GIT PULL] calc: more operations", "<pull-1@example.org>",
                                 "Mon, 4 Mar 2024 08:00:00 +0000", pull_body)])

# 4. encodings.mbox ----------------------------------------------------------------
h, body = split_patches(f"{work}/enc.txt")[0]
text = body  # UTF-8 text with a diff adding "Jörg Rödel"


def raw(frm, subject, msgid, date, cte_headers, payload):
    head = (f"From: {frm}\nTo: demo@lists.example.org\nSubject: {subject}\nDate: {date}\n"
            f"Message-Id: {msgid}\nList-Id: Demo development list <{LIST}>\nMIME-Version: 1.0\n{cte_headers}")
    return f"{ENVELOPE}\n{head}\n{payload.rstrip(chr(10))}\n\n"


qp = quopri.encodestring(text.encode("utf-8")).decode("ascii")
b64 = base64.encodebytes(text.encode("utf-8")).decode("ascii")
latin1 = text.encode("utf-8").decode("utf-8").encode("latin-1").decode("latin-1")
attachment = (
    "--sep\nContent-Type: text/plain; charset=us-ascii\n\nThe patch is attached.\n"
    "--sep\nContent-Type: text/x-patch; charset=UTF-8; name=credit.patch\n"
    "Content-Disposition: attachment; filename=credit.patch\nContent-Transfer-Encoding: 8bit\n\n"
    + "diff --git" + text.split("\ndiff --git", 1)[1].split("\n-- \n")[0] + "\n--sep--\n"
)
m = [
    raw("=?UTF-8?q?J=C3=B6rg_R=C3=B6del?= <joerg@example.org>", "[PATCH] README: credit the author (quoted-printable)",
        "<enc-qp@example.org>", "Mon, 4 Mar 2024 09:00:00 +0000",
        "Content-Type: text/plain; charset=UTF-8\nContent-Transfer-Encoding: quoted-printable\n", qp),
    raw("=?UTF-8?B?Wm/DqyBLaXJr?= <zoe@example.org>", "[PATCH] README: credit the author (base64)",
        "<enc-b64@example.org>", "Mon, 4 Mar 2024 09:01:00 +0000",
        "Content-Type: text/plain; charset=UTF-8\nContent-Transfer-Encoding: base64\n", b64),
    raw(ADA, "[PATCH] README: credit the author (latin-1)", "<enc-latin1@example.org>",
        "Mon, 4 Mar 2024 09:02:00 +0000",
        "Content-Type: text/plain; charset=iso-8859-1\nContent-Transfer-Encoding: 8bit\n", latin1),
    raw(BOB, "[PATCH] README: credit the author (attachment)", "<enc-attach@example.org>",
        "Mon, 4 Mar 2024 09:03:00 +0000", 'Content-Type: multipart/mixed; boundary="sep"\n', attachment),
]
# latin-1 file: the UTF-8 mails are ASCII after transfer encoding; the latin-1
# mail's body is written byte for byte in latin-1, the attachment mail in UTF-8
# bytes read as latin-1 so that its UTF-8 survives the latin-1 write.
m[3] = m[3].encode("utf-8").decode("latin-1")
write("encodings.mbox", m)

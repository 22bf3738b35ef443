#!/usr/bin/env python3
"""Baseline: Python's mailbox + email (compat32) parsing the same file, the
way Patchwork's parsearchive reads it, plus a walk that decodes every text
part's payload. Prints one JSON line like bench/stage.ts."""
import json
import mailbox
import os
import resource
import sys
import time

path = sys.argv[1]
t0 = time.perf_counter()
n = 0
for msg in mailbox.mbox(path, create=False):
    n += 1
    for part in msg.walk():
        if part.get_content_maintype() == 'text':
            part.get_payload(decode=True)
    for k in ('From', 'Subject', 'Message-Id', 'Date', 'References'):
        msg.get(k)
ms = (time.perf_counter() - t0) * 1000
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"stage": "python-email", "bytes": os.path.getsize(path), "messages": n, "ms": ms, "maxRssMB": rss}))

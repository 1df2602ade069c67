#!/usr/bin/env python3
"""CPU by activity from perf samples of a silo (docs/benchmarks.md, "Where the CPU per change goes").

    perf record -e cpu-clock -F 499 -g -p SILO_PID -o perf.data -- sleep 24
    perf script -F comm,tid,ip,sym,dso -i perf.data | python3 perf_buckets.py [MS_CPU_PER_CHANGE]

The silo must run with DOTNET_PerfMapEnabled=1 and DOTNET_EnableWriteXorExecute=0 (JIT code resolved through
/tmp/perf-PID.map). Each sample goes to the first rule, top to bottom, that its thread or a frame of its stack matches,
so a grain call's messaging counts under the activity that made it. With MS_CPU_PER_CHANGE (the load tool's "silo CPU
... per change") each share is also given in ms per change.
"""
import collections
import re
import sys


def samples(stream):
    comm, frames = None, []
    for line in stream:
        line = line.rstrip("\n")
        if not line.strip():
            if comm is not None:
                yield comm, frames
            comm, frames = None, []
            continue
        if not line.startswith((" ", "\t")):
            m = re.match(r"^(.*?)\s+(\d+)\s*$", line.strip()) or re.match(r"^(.*?)\s+(\d+)\b", line.strip())
            comm = m.group(1) if m else line.strip()
            frames = []
        else:
            m = re.match(r"^\s*([0-9a-f]+)\s+(.*?)\s+\((.*)\)\s*$", line)
            if m:
                frames.append((m.group(2), m.group(3)))
    if comm is not None:
        yield comm, frames


R = [
 ("GC (server GC threads)", None, lambda c, s, d: "GC" in c and "Worker" not in c),
 ("JIT (tiering thread, clrjit)", None, lambda c, s, d: "Tiered" in c or (d and "clrjit" in d[0])),
 ("metrics (GrainCallTiming + OpenTelemetry, leaf)", None, lambda c, s, d: any(re.search(r"OpenTelemetry|System\.Diagnostics\.Metrics|GrainCallTiming\+<Invoke>|GrainCallTiming::", x) for x in s[:3])),
 # SqliteDeliveryOutcomes is an outgoing grain call filter: every grain call passes it, so it is not the store.
 ("SQLite store (statements, commits, state writes/reads)", r"^(?!.*SqliteDeliveryOutcomes).*(Sqlite|sqlite|SQLitePCL)", None),
 ("post-list refresh: partition RefreshPostsAsync/TopPostsAsync", r"MatchPartitionGrain[^ ]*(RefreshPostsAsync|TopPostsAsync|Answer)|RankingIndex::TopPostItems|RankingItems::Aware|ExplainPosts|PostStore\+PostQuery", None),
 ("new-post query: partition TopSeekers*", r"MatchPartitionGrain[^ ]*TopSeekers|SeekerStore\+SeekerQuery", None),
 ("partition index upkeep and other matching", r"MatchPartitionGrain|JobHome\.Matching|JobHome\.Grains\.Matching\.Rank", None),
 ("post-list: seeker side (stale notices, timer, list store)", r"PostList|StaleListNotices|SeekerGrain[^ ]*InvokeCallback", None),
 ("aggregators (site indicators, stream delivery)", r"JobHome\.Grains\.Indicators", None),
 ("Orleans streams (agents, queue)", r"Orleans\.Streams|Orleans\.Providers\.Streams|JobHome\.Storage\.Streams", None),
 ("API: JSON (System.Text.Json under ASP.NET)", r"System\.Text\.Json", None),
 ("API: audit log", r"Audit", None),
 ("API: JWT / token checks", r"JwtBearer|IdentityModel|ValidatedTokenCache|TokenHash", None),
 ("API: handlers (JobHome.Silo endpoints incl. their grain calls)", r"JobHome\.Silo\.Api", None),
 ("API: ASP.NET/Kestrel other", r"AspNetCore|Kestrel|System\.Net\.Sockets|System\.IO\.Pipelines", None),
 ("Orleans serializer/copier (outside the above)", r"Orleans\.Serialization\.(Codecs|Cloning|Serializers|Buffers|Serializer|DeepCopier)|Copier|Codec", None),
 ("grain logic (other JobHome grains, change path)", r"JobHome\.(?!Grains\.Diagnostics\.GrainCallTiming|Silo\.Security\.Access\.ScopeGrainCallFilter)", None),
 ("Orleans messaging (send/receive, connections)", r"Orleans\.Runtime\.Messaging|Orleans\.Networking|MessageCenter|Connection", None),
 ("Orleans scheduling / grain invocation / async glue", r"Orleans\.|System\.Threading|CompilerServices", None),
]
cnt = collections.Counter(); total = 0
for comm, frames in samples(sys.stdin):
    total += 1
    syms = [s for s, d in frames]; dsos = [d for s, d in frames]
    for name, rx, fn in R:
        if (fn and fn(comm, syms, dsos)) or (rx and any(re.search(rx, x) for x in syms)):
            cnt[name] += 1; break
    else:
        cnt["unattributed (native/kernel, no managed frame)"] += 1
n = float(sys.argv[1]) if len(sys.argv) > 1 else None   # ms of silo CPU per change
print("samples", total)
for name, _, _ in R + [("unattributed (native/kernel, no managed frame)", 0, 0)]:
    c = cnt[name]
    print(f"{c:6d} {100*c/total:6.2f}%" + (f"  {n*c/total:6.3f} ms/chg" if n else "") + f"  {name}")

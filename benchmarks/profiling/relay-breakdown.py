#!/usr/bin/env python3
"""Where the /v1/chat/completions relay spends its thread time, from a dotnet-trace Speedscope file.

Usage (see docs/benchmarks.md, "Profile of the relay"):
    python3 benchmarks/profiling/relay-breakdown.py [TRACE.speedscope.json] [name filter ...]

Sums, for every frame, the time it is on a thread's stack while ChatCompletionsRelay.HandleAsync is too (outermost
occurrence only), and prints it as a share of the relay's own time.
"""
import json,collections,sys
d=json.load(open(sys.argv[1] if len(sys.argv) > 1 else '/tmp/trace.speedscope.json'))
frames=[f['name'] for f in d['shared']['frames']]
def short(n):
    n=n.split('!')[-1]
    n=n.split('(')[0]
    return n
isroot=[('ChatCompletionsRelay+<HandleAsync>' in f and 'MoveNext' in f) for f in frames]
incl=collections.Counter(); roottime=0.0
for p in d['profiles']:
    stack=[]; # (frame, at)
    counts=collections.Counter()
    rootdepth=0
    for e in p['events']:
        f=e['frame']; at=e['at']
        if e['type']=='O':
            stack.append((f,at)); 
            if isroot[f]: rootdepth+=1
            counts[short(frames[f])]+=1
        else:
            fr,st=stack.pop()
            name=short(frames[fr])
            counts[name]-=1
            if isroot[fr]:
                rootdepth-=1
                if rootdepth==0: roottime+=at-st
            if rootdepth>0 and counts[name]==0:
                incl[name]+=at-st
print("relay inclusive ms", round(roottime,1))
keys=sys.argv[2:] or ['OmniaKey','EntityFrameworkCore','Npgsql','Sqlite','Tokeniz','Text.Json']
for k,v in incl.most_common(3000):
    if any(s in k for s in keys):
        print(f"{100*v/roottime:5.1f}% {k[:140]}")

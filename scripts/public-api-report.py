#!/usr/bin/env python3
"""The library's public API from its symbol graph: how many public declarations there are,
which have no doc comment, and any whose declaration mentions an unsafe pointer type.

Usage: swift package dump-symbol-graph && scripts/public-api-report.py [--list]
Exits 1 when a public declaration has no doc comment or mentions an unsafe type (CI runs it).
Counts declarations written in Sources/WorkforceStandards (those with a source location);
members the compiler synthesises (Equatable, Codable, RawRepresentable) are not counted.
"""
import glob, json, sys

paths = glob.glob(".build/*/symbolgraph/WorkforceStandards.symbols.json")
if not paths:
    sys.exit("no symbol graph: run `swift package dump-symbol-graph` first")
graph = json.load(open(paths[0]))
declared = [s for s in graph["symbols"] if s["accessLevel"] in ("public", "open") and "location" in s]
undocumented = [s for s in declared if not s.get("docComment")]
unsafe = [s for s in declared if "Unsafe" in "".join(f["spelling"] for f in s.get("declarationFragments", []))]
def where(s):
    return f'{s["location"]["uri"].split("/Sources/")[-1]}:{s["location"]["position"]["line"] + 1}: {".".join(s["pathComponents"])}'
if "--list" in sys.argv:
    for s in sorted(undocumented, key=where): print("undocumented", where(s))
for s in unsafe: print("unsafe", where(s))
print(f"{len(declared)} public declarations, {len(undocumented)} without a doc comment, {len(unsafe)} mentioning an unsafe type")
# Every public declaration is documented, and none hands out an unsafe pointer (issue 20).
sys.exit(1 if unsafe or undocumented else 0)

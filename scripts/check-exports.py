"""Checks the output of `wds export fhir` and `wds export sssom` with code independent of the
Swift package: the PyPI packages fhir.resources (HL7 FHIR R5 models) and sssom (the SSSOM
reference implementation, the code behind `sssom validate`), plus checks written here against
the standard's own files (CodeSets/), read with Python's csv module.

Usage: python check-exports.py REPOSITORY FHIR_DIR SSSOM_DIR
Exit status 0 when every check passes, 1 otherwise; each problem is printed as
`file: problem`.

Run by scripts/check-exports.sh, which makes the virtual environment and the exports.
"""

import csv
import json
import os
import re
import sys
import time

import fhir.resources
from fhir.resources import get_fhir_model_class

REPOSITORY, FHIR_DIR, SSSOM_DIR = sys.argv[1:4]
problems = []


def problem(file, text):
    problems.append(f"{file}: {text}")


# Codes bound (required) by FHIR R5 to the elements below, from the R5 specification
# (hl7.org/fhir/R5: valueset-concept-map-relationship, valueset-publication-status,
# valueset-codesystem-hierarchy-meaning, valueset-codesystem-content-mode,
# valueset-concept-property-type). fhir.resources checks types and structure but not bindings,
# so they are checked here.
RELATIONSHIPS = {"related-to", "equivalent", "source-is-narrower-than-target", "source-is-broader-than-target", "not-related-to"}
PUBLICATION_STATUS = {"draft", "active", "retired", "unknown"}
HIERARCHY_MEANING = {"grouped-by", "is-a", "part-of", "classified-with"}
CONTENT_MODE = {"not-present", "example", "fragment", "complete", "supplement"}
PROPERTY_TYPES = {"code", "Coding", "string", "integer", "boolean", "dateTime", "decimal"}
NAME = re.compile(r"^[A-Z]([A-Za-z0-9_]){0,254}$")   # FHIR invariant cnl-0
ID = re.compile(r"^[A-Za-z0-9\-.]{1,64}$")
VALUE_KEYS = {"code": "valueCode", "Coding": "valueCoding", "string": "valueString", "integer": "valueInteger",
              "boolean": "valueBoolean", "dateTime": "valueDateTime", "decimal": "valueDecimal"}

# SSSOM predicates for each relationship of the standard's maps (CodeSets/README.md): a source
# narrower than its target has the target as a broader match.
PREDICATES = {"equivalent": "skos:exactMatch", "source-is-narrower-than-target": "skos:broadMatch",
              "source-is-broader-than-target": "skos:narrowMatch", "related-to": "skos:relatedMatch",
              "not-related-to": "skos:relatedMatch", "unmatched": "skos:relatedMatch"}


def read_standard_csv(path):
    """The metadata and rows of a CodeSets/ file."""
    metadata, lines = {}, []
    with open(path, encoding="utf-8", newline="") as handle:
        for line in handle:
            if not lines and line.startswith("#"):
                key, _, value = line[1:].partition(":")
                metadata.setdefault(key.strip(), value.strip())
            else:
                lines.append(line)
    return metadata, list(csv.DictReader(lines))


# --- the standard, read independently -------------------------------------------------------

code_sets = {}   # set id -> {"meta":..., "codes": {code: row}}
for family in sorted(os.listdir(os.path.join(REPOSITORY, "CodeSets"))):
    folder = os.path.join(REPOSITORY, "CodeSets", family)
    if family in ("maps", "indexes") or not os.path.isdir(folder):
        continue
    for name in sorted(os.listdir(folder)):
        if name.endswith(".csv"):
            meta, rows = read_standard_csv(os.path.join(folder, name))
            code_sets[f"{family}.{name[:-4]}"] = {"meta": meta, "codes": {row["code"]: row for row in rows}}
maps = {}
for name in sorted(os.listdir(os.path.join(REPOSITORY, "CodeSets", "maps"))):
    if name.endswith(".csv"):
        maps[name[:-4]] = read_standard_csv(os.path.join(REPOSITORY, "CodeSets", "maps", name))

# --- FHIR -------------------------------------------------------------------------------------

started = time.monotonic()
if getattr(fhir.resources, "__fhir_version__", "") != "5.0.0":
    problem("fhir.resources", f"models are FHIR {getattr(fhir.resources, '__fhir_version__', '?')}, not R5 (5.0.0)")

resources = {}   # file -> parsed JSON
counts = {}
for name in sorted(os.listdir(FHIR_DIR)):
    path = os.path.join(FHIR_DIR, name)
    with open(path, encoding="utf-8") as handle:
        text = handle.read()
    try:
        data = json.loads(text)
        model = get_fhir_model_class(data["resourceType"])
        model.model_validate_json(text)   # the R5 model: types, cardinalities, unknown elements
    except Exception as error:  # noqa: BLE001 - every failure is a finding
        problem(name, f"not a valid FHIR R5 resource: {str(error)[:600]}")
        continue
    resources[name] = data
    counts[data["resourceType"]] = counts.get(data["resourceType"], 0) + 1
    if name != f"{data['resourceType']}-{data.get('id')}.json":
        problem(name, f"file name does not match resourceType-id ({data['resourceType']}-{data.get('id')})")
    if not ID.match(data.get("id", "")):
        problem(name, f"id {data.get('id')!r} is not a FHIR id")

code_systems = {}   # (url, version) -> resource
for name, data in resources.items():
    kind = data["resourceType"]
    if kind in ("CodeSystem", "ValueSet", "ConceptMap"):
        if data.get("status") not in PUBLICATION_STATUS:
            problem(name, f"status {data.get('status')!r} is not a publication status")
        if not NAME.match(data.get("name", "")):
            problem(name, f"name {data.get('name')!r} breaks FHIR invariant cnl-0")
        if not data.get("url", "").endswith("/" + kind + "/" + data["id"].rsplit("-", 1)[0]) and not data.get("url", "").endswith("/" + kind + "/" + data["id"]):
            problem(name, f"url {data.get('url')} does not end in {kind}/<id>")
    if kind == "CodeSystem":
        key = (data["url"], data["version"])
        if key in code_systems:
            problem(name, f"a second CodeSystem with url|version {key}")
        code_systems[key] = data
        concepts = data.get("concept", [])
        if data.get("count") != len(concepts):
            problem(name, f"count {data.get('count')} but {len(concepts)} concepts")
        if data.get("content") not in CONTENT_MODE:
            problem(name, f"content {data.get('content')!r}")
        if "hierarchyMeaning" in data and data["hierarchyMeaning"] not in HIERARCHY_MEANING:
            problem(name, f"hierarchyMeaning {data['hierarchyMeaning']!r}")
        declared = {}
        for prop in data.get("property", []):
            if prop["type"] not in PROPERTY_TYPES:
                problem(name, f"property {prop['code']} has type {prop['type']!r}")
            declared[prop["code"]] = prop["type"]
        codes = [c["code"] for c in concepts]
        if len(set(codes)) != len(codes):
            problem(name, "duplicate concept codes")
        for concept in concepts:
            for value in concept.get("property", []):
                kind_of = declared.get(value["code"])
                if kind_of is None:
                    problem(name, f"concept {concept['code']}: property {value['code']} is not declared")
                elif VALUE_KEYS[kind_of] not in value:
                    problem(name, f"concept {concept['code']}: property {value['code']} is not a {kind_of}")
                if value["code"] == "parent" and value.get("valueCode") not in codes:
                    problem(name, f"concept {concept['code']}: parent {value.get('valueCode')} is not a concept")
                if value["code"] == "status" and value.get("valueCode") not in ("active", "retired"):
                    problem(name, f"concept {concept['code']}: status {value.get('valueCode')}")

# Every code set of CodeSets/ is a CodeSystem with the same codes. A collection's set has one
# version per collection year, listing the codes known by then (`from` empty or not later),
# retired when their `to` year is before the version's year; the other sets have one version
# with every code and its status as written.
for set_id, content in code_sets.items():
    url_suffix = f"/CodeSystem/{set_id}"
    versions = {v: data for (u, v), data in code_systems.items() if u.endswith(url_suffix)}
    if not versions:
        problem(set_id, "no CodeSystem")
        continue
    years = content["meta"].get("years", "")
    family = set_id.split(".")[0]
    if family not in ("harmonised", "soc") and re.match(r"^\d{4}(-\d{4})?$", years):
        first, _, last = years.partition("-")
        expected_versions = {str(y): y for y in range(int(first), int(last or first) + 1)}
    else:
        expected_versions = {None: None}
        versions = {None: data for data in versions.values()} if len(versions) == 1 else versions
    if set(versions) != set(expected_versions):
        problem(set_id, f"versions {sorted(map(str, versions))}, expected {sorted(map(str, expected_versions))}")
        continue
    for version, year in expected_versions.items():
        data = versions[version]
        exported = {c["code"]: c for c in data.get("concept", [])}
        expected_codes = {code for code, row in content["codes"].items()
                          if year is None or not row.get("from") or int(row["from"]) <= year}
        if set(exported) != expected_codes:
            problem(set_id, f"version {data['version']}: codes differ from CodeSets/: missing {sorted(expected_codes - set(exported))[:5]}, extra {sorted(set(exported) - expected_codes)[:5]}")
        for code in expected_codes & set(exported):
            row, concept = content["codes"][code], exported[code]
            values = {v["code"]: v for v in concept.get("property", [])}
            if concept.get("display") != " ".join(row["label"].split()) and concept.get("display") != row["label"].strip():
                problem(set_id, f"code {code}: display {concept.get('display')!r}")
            if row.get("from") and values.get("validFrom", {}).get("valueInteger") != int(row["from"]):
                problem(set_id, f"code {code}: validFrom is not {row['from']}")
            if row.get("to") and values.get("validTo", {}).get("valueInteger") != int(row["to"]):
                problem(set_id, f"code {code}: validTo is not {row['to']}")
            if row.get("parent") and values.get("parent", {}).get("valueCode") != row["parent"]:
                problem(set_id, f"code {code}: parent is not {row['parent']}")
            if year is None:
                retired = row["status"] == "retired"
            else:
                retired = bool(row.get("to")) and int(row["to"]) < year
            if values.get("status", {}).get("valueCode") != ("retired" if retired else "active"):
                problem(set_id, f"version {data['version']}, code {code}: status is not {'retired' if retired else 'active'}")

# The SOC classifications and the role code set, with their hierarchy; roles with SOC codes.
for set_id in ("soc.soc2000", "soc.soc2010", "soc.soc2020", "harmonised.role"):
    resource = resources.get(f"CodeSystem-{set_id}.json")
    if resource is None:
        problem(set_id, "no CodeSystem")
        continue
    if resource.get("hierarchyMeaning") != "classified-with":
        problem(set_id, "no hierarchy")
    parents = sum(1 for c in resource["concept"] for v in c.get("property", []) if v["code"] == "parent")
    with_parent = sum(1 for row in code_sets[set_id]["codes"].values() if row.get("parent"))
    if parents != with_parent:
        problem(set_id, f"{parents} parent links, CodeSets/ has {with_parent}")
role = resources.get("CodeSystem-harmonised.role.json")
if role:
    for concept in role["concept"]:
        row = code_sets["harmonised.role"]["codes"][concept["code"]]
        values = {v["code"]: v for v in concept.get("property", [])}
        for column in ("soc2000", "soc2010", "soc2020"):
            if row.get(column):
                coding = values.get(column, {}).get("valueCoding", {})
                if coding.get("code") != row[column] or not coding.get("system", "").endswith(f"/CodeSystem/soc.{column}"):
                    problem("harmonised.role", f"{concept['code']}: {column} is not {row[column]} of soc.{column}")
                elif row[column] not in code_sets[f"soc.{column}"]["codes"]:
                    problem("harmonised.role", f"{concept['code']}: {column} {row[column]} is not a SOC code")

# A ConceptMap for every map of CodeSets/maps, row for row.
for map_id, (meta, rows) in maps.items():
    name = f"ConceptMap-{map_id}.json"
    resource = resources.get(name)
    if resource is None:
        problem(map_id, "no ConceptMap")
        continue
    group = resource["group"][0]
    source_set, target_set = meta["source-set"], meta["target-set"]
    if not group["source"].endswith(f"/CodeSystem/{source_set}") or not group["target"].endswith(f"/CodeSystem/{target_set}"):
        problem(name, "group source or target is not the map's code sets")
    exported = []
    for element in group["element"]:
        if element["code"] not in code_sets[source_set]["codes"]:
            problem(name, f"source {element['code']} is not in {source_set}")
        if element.get("noMap"):
            if element.get("target"):
                problem(name, f"{element['code']}: noMap with targets")
            exported.append((element["code"], "unmatched", "", None))
            continue
        for target in element.get("target", []):
            if target["relationship"] not in RELATIONSHIPS:
                problem(name, f"{element['code']}: relationship {target['relationship']!r} is not an R5 code")
            if target["code"] not in code_sets[target_set]["codes"]:
                problem(name, f"{element['code']} -> {target['code']}: not in {target_set}")
            shares = {p["code"]: p["valueDecimal"] for p in target.get("property", [])}
            exported.append((element["code"], target["relationship"], target["code"], shares.get("share")))
    expected = [(row["source"], row["relationship"], row["target"], float(row["share"]) if row["share"] else None) for row in rows]
    if sorted(map(str, exported)) != sorted(map(str, expected)):
        problem(name, f"{len(exported)} rows, CodeSets/maps has {len(expected)}, or they differ")
    declared = {p["code"] for p in resource.get("property", [])}
    used = {p["code"] for e in group["element"] for t in e.get("target", []) for p in t.get("property", [])}
    if used - declared:
        problem(name, f"target properties {sorted(used - declared)} not declared")
extra_maps = {n[len('ConceptMap-'):-5] for n in resources if n.startswith("ConceptMap-")} - set(maps)
if extra_maps:
    problem("ConceptMap", f"maps not in CodeSets/maps: {sorted(extra_maps)}")

# ValueSets include code systems that exist.
for name, data in resources.items():
    if data["resourceType"] == "ValueSet":
        for include in data["compose"]["include"]:
            if (include["system"], include.get("version")) not in code_systems:
                problem(name, f"includes {include['system']}|{include.get('version')}, which is not exported")

# The bundle holds every other file, the same resources.
bundles = [n for n, d in resources.items() if d["resourceType"] == "Bundle"]
if len(bundles) != 1:
    problem("Bundle", f"{len(bundles)} bundles")
else:
    bundle = resources[bundles[0]]
    entries = {f"{e['resource']['resourceType']}-{e['resource']['id']}.json": e for e in bundle["entry"]}
    others = {n for n in resources if n not in bundles}
    if set(entries) != others:
        problem(bundles[0], f"{len(entries)} entries for {len(others)} resource files")
    for file, entry in entries.items():
        if resources.get(file) != entry["resource"]:
            problem(bundles[0], f"entry {file} differs from the file")
        if len({e["fullUrl"] for e in bundle["entry"]}) != len(bundle["entry"]):
            problem(bundles[0], "duplicate fullUrl")
            break
fhir_seconds = time.monotonic() - started

# --- SSSOM --------------------------------------------------------------------------------------

started = time.monotonic()
import logging  # noqa: E402

from click.testing import CliRunner  # noqa: E402
from sssom.cli import main as sssom_cli  # noqa: E402
from sssom.parsers import parse_sssom_table  # noqa: E402

logging.disable(logging.WARNING)
runner = CliRunner()
sssom_files = sorted(n for n in os.listdir(SSSOM_DIR) if n.endswith(".sssom.tsv"))
for map_id in maps:
    if f"{map_id}.sssom.tsv" not in sssom_files:
        problem(map_id, "no SSSOM mapping set")
for name in sssom_files:
    path = os.path.join(SSSOM_DIR, name)
    # `sssom validate FILE`, run in this process: the CLI's own code, without starting Python
    # and importing pandas and LinkML again for every file (3 s each).
    result = runner.invoke(sssom_cli, ["validate", path])
    if result.exit_code != 0:
        problem(name, f"sssom validate failed: {result.exception!r} {result.output[-400:]}")
        continue
    map_id = name[: -len(".sssom.tsv")]
    if map_id not in maps:
        problem(name, "no such map in CodeSets/maps")
        continue
    msdf = parse_sssom_table(path)
    meta, rows = maps[map_id]
    for key in ("mapping_set_id", "license", "mapping_set_version", "curie_map"):
        if not (msdf.metadata.get(key) or (key == "curie_map" and msdf.converter.prefix_map)):
            problem(name, f"no {key}")
    frame = msdf.df.fillna("")
    if len(frame) != len(rows):
        problem(name, f"{len(frame)} rows, CodeSets/maps has {len(rows)}")
        continue
    # The parser may reorder rows: match them by subject and object.
    def local(curie):
        return curie.rsplit(":", 1)[-1].rsplit("/", 1)[-1]
    exported = {}
    for _, mapping in frame.iterrows():
        key = (local(mapping["subject_id"]), "" if "NoTermFound" in mapping["object_id"] else local(mapping["object_id"]))
        exported[key] = mapping
    for row in rows:
        mapping = exported.get((row["source"], row["target"]))
        if mapping is None:
            problem(name, f"row {row['source']} -> {row['target'] or '(unmatched)'} is missing")
            continue
        predicate = PREDICATES[row["relationship"]]
        if mapping["predicate_id"] not in (predicate, "http://www.w3.org/2004/02/skos/core#" + predicate[5:]):
            problem(name, f"row {row['source']}: predicate {mapping['predicate_id']} for {row['relationship']}")
        if row["relationship"] == "unmatched" and "NoTermFound" not in mapping["object_id"]:
            problem(name, f"row {row['source']}: unmatched but object {mapping['object_id']}")
        if row["relationship"] == "not-related-to" and mapping.get("predicate_modifier") != "Not":
            problem(name, f"row {row['source']}: not-related-to without predicate_modifier Not")
        confidence = mapping.get("confidence", "")
        if row["share"] and (confidence == "" or abs(float(confidence) - float(row["share"])) > 1e-9):
            problem(name, f"row {row['source']} -> {row['target']}: confidence {confidence!r}, share {row['share']}")
        if not row["share"] and confidence != "":
            problem(name, f"row {row['source']} -> {row['target']}: confidence {confidence!r} without a share")
        source_label = code_sets[meta["source-set"]]["codes"][row["source"]]["label"]
        if mapping["subject_label"] != " ".join(source_label.split()) and mapping["subject_label"] != source_label:
            problem(name, f"row {row['source']}: subject_label {mapping['subject_label']!r}")
sssom_seconds = time.monotonic() - started

summary = ", ".join(f"{count} {kind}" for kind, count in sorted(counts.items()))
print(f"check-exports: FHIR: {sum(counts.values())} resources ({summary}) valid against fhir.resources "
      f"{fhir.resources.__version__} (FHIR {fhir.resources.__fhir_version__}) and the checks here, {fhir_seconds:.1f} s")
print(f"check-exports: SSSOM: {len(sssom_files)} mapping sets through `sssom validate` and the checks here, {sssom_seconds:.1f} s")
for line in problems[:200]:
    print("check-exports: " + line, file=sys.stderr)
if problems:
    print(f"check-exports: {len(problems)} problem(s)", file=sys.stderr)
    sys.exit(1)
print("check-exports: all checks passed")

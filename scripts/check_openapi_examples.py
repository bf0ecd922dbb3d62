"""Checks every example and default embedded in an OpenAPI 3.1 document against its schema.

Parameter and media-type `example`s are checked against the sibling `schema`; a schema's own
`examples` and `default` against that schema. `$ref`s resolve inside the document. Every example
the document leaves out (`x-alibaba-example-omitted`) must be a finding its operation lists
(`x-alibaba-doc-findings`, from `spec/doc-example-findings.toml`), and every listed finding must
name an example left out. Exits 1 on any misfit, unlisted omission or stale finding, listing each
with its JSON pointer, and when the document has no example at all to check. Appends the counts
to `$TEST_REPORT_DIR/counts.tsv` when that is set (`cargo xtask test` prints them).
"""

import json
import os
import sys

from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

DOCUMENT_URI = "urn:openapi"


def pointer(path):
    return "/" + "/".join(str(p).replace("~", "~0").replace("/", "~1") for p in path)


def checks(node, path=()):
    """Yields (pointer, schema pointer, instance, what) for every example and default under node."""
    if isinstance(node, dict):
        if "schema" in node and "example" in node:
            yield pointer(path + ("example",)), pointer(path + ("schema",)), node["example"], "example"
        if isinstance(node.get("examples"), list) and "type" in node:
            for i, example in enumerate(node["examples"]):
                yield pointer(path + ("examples", i)), pointer(path), example, "example"
        if "default" in node and "type" in node:
            yield pointer(path + ("default",)), pointer(path), node["default"], "default"
        for key, child in node.items():
            yield from checks(child, path + (key,))
    elif isinstance(node, list):
        for i, child in enumerate(node):
            yield from checks(child, path + (i,))


def omitted(node, path=()):
    """Yields (pointer, message) for every example left out under node."""
    if isinstance(node, dict):
        if isinstance(node.get("x-alibaba-example-omitted"), str):
            yield pointer(path), node["x-alibaba-example-omitted"]
        for key, child in node.items():
            yield from omitted(child, path + (key,))
    elif isinstance(node, list):
        for i, child in enumerate(node):
            yield from omitted(child, path + (i,))


def omissions_match_findings(file, document):
    """(omissions listed, failures): each omission must match a listed finding of its operation (`fails` a
    part of its message), and each finding at least one omission."""
    count = 0
    failures = []
    for path, item in document.get("paths", {}).items():
        for method, operation in item.items():
            if not isinstance(operation, dict):
                continue
            findings = operation.get("x-alibaba-doc-findings", [])
            used = [False] * len(findings)
            for where, message in omitted(operation, ("paths", path, method)):
                hits = [i for i, f in enumerate(findings) if f["fails"] in message]
                if not hits:
                    failures.append(f"{file}#{where}: example left out, not a listed finding "
                                    f"(spec/doc-example-findings.toml, openapi_example): {message}")
                else:
                    count += 1
                for i in hits:
                    used[i] = True
            for finding, hit in zip(findings, used):
                if not hit:
                    failures.append(f"{file}#{pointer(('paths', path, method))}: listed finding names no example "
                                    f"left out (the docs or the schema changed): {finding['fails']}")
    return count, failures


def report(what, count):
    directory = os.environ.get("TEST_REPORT_DIR")
    if directory:
        os.makedirs(directory, exist_ok=True)
        with open(os.path.join(directory, "counts.tsv"), "a", encoding="utf-8") as f:
            f.write(f"{what}\t{count}\n")


def main(file):
    with open(file, encoding="utf-8") as f:
        document = json.load(f)
    # Each schema is checked in place (`urn:openapi#<pointer>`), so its `#/components/...` refs resolve in the document.
    registry = Registry().with_resource(DOCUMENT_URI, Resource.from_contents(document, default_specification=DRAFT202012))
    counts = {"example": 0, "default": 0}
    failures = []
    for where, schema_at, instance, what in checks(document):
        counts[what] += 1
        validator = Draft202012Validator({"$ref": f"{DOCUMENT_URI}#{schema_at}"}, registry=registry)
        for error in validator.iter_errors(instance):
            failures.append(f"{file}#{where}: {error.message} (at {error.json_path})")
    misfits = len(failures)
    left_out, finding_failures = omissions_match_findings(file, document)
    failures += finding_failures
    for failure in failures:
        print(failure, file=sys.stderr)
    print(f"{file}: {counts['example']} examples and {counts['default']} defaults checked, {misfits} misfits; "
          f"{left_out} examples left out as listed findings, {len(finding_failures)} omissions or findings unmatched")
    report("OpenAPI examples checked against their schema (all documents)", counts["example"])
    report("OpenAPI examples left out as listed doc findings (all documents)", left_out)
    if counts["example"] == 0:
        print(f"{file}: no example checked: the document lost its examples", file=sys.stderr)
        return 1
    return 1 if failures else 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(f"usage: {sys.argv[0]} OPENAPI_JSON")
    sys.exit(main(sys.argv[1]))

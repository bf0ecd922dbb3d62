"""Checks every example and default embedded in an OpenAPI 3.1 document against its schema.

Parameter and media-type `example`s are checked against the sibling `schema`; a schema's own
`examples` and `default` against that schema. `$ref`s resolve inside the document. Exits 1 on
any misfit, listing each with its JSON pointer.
"""

import json
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
    for failure in failures:
        print(failure, file=sys.stderr)
    print(f"{file}: {counts['example']} examples and {counts['default']} defaults checked, {len(failures)} misfits")
    return 1 if failures else 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(f"usage: {sys.argv[0]} OPENAPI_JSON")
    sys.exit(main(sys.argv[1]))
